package dev.gantry.image;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registry on 127.0.0.1 that turns hostile, and another host on 127.0.0.2 its redirects point
 * at: no login or token ever reaches a host it was not issued for, redirects to blob storage are
 * followed without them, and nothing is fetched from a metadata address or path.
 */
class RegistryRedirectTest {
    static final String INDEX = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":"
            + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + "1".repeat(64)
            + "\",\"size\":100,\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}";
    static final RegistryClient.Credentials LOGIN = new RegistryClient.Credentials("robot", "hunter2".toCharArray());
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("robot:hunter2".getBytes(StandardCharsets.UTF_8));
    static final String MANIFEST = "/v2/team/web/manifests/1.0";

    HostileRegistry registry, other, third;
    /** Test names that resolve where an attacker's DNS would point them; every other name as usual. */
    final HttpRegistry client = new HttpRegistry(Duration.ofSeconds(5), host -> switch (host) {
        case "creds.attacker.test" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})};
        case "mixed.attacker.test" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}),
                InetAddress.getByAddress(host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})};
        default -> {
            if (host.endsWith(".test")) throw new UnknownHostException(host);
            yield InetAddress.getAllByName(host);
        }
    });

    @BeforeEach void start() throws IOException {
        registry = new HostileRegistry("127.0.0.1");
        other = new HostileRegistry("127.0.0.2");
    }

    @AfterEach void stop() {
        registry.close();
        other.close();
        if (third != null) third.close();
    }

    RegistryAnswer look(RegistryClient.Credentials login) {
        return client.look(ImageName.parse(registry.host() + "/team/web:1.0"), login);
    }

    static String auth(HttpExchange ex) { return ex.getRequestHeaders().getFirst("Authorization"); }

    /** A registry that asks for Basic, then redirects the manifest to {@code location}. */
    void basicThenRedirect(String location) {
        registry.answering(ex -> BASIC.equals(auth(ex)) ? HostileRegistry.Reply.redirect(location)
                : new HostileRegistry.Reply(401, "{}", "WWW-Authenticate", "Basic realm=\"registry\""));
    }

    /** A registry with the Bearer flow (its realm on itself), redirecting the manifest to {@code location}. */
    void bearerThenRedirect(String location) {
        registry.answering(ex -> {
            if (ex.getRequestURI().getPath().equals("/token")) return HostileRegistry.Reply.json("{\"token\":\"registry-token\"}");
            if ("Bearer registry-token".equals(auth(ex))) return HostileRegistry.Reply.redirect(location);
            return new HostileRegistry.Reply(401, "{}", "WWW-Authenticate",
                    "Bearer realm=\"" + registry.url("/token") + "\",service=\"registry\",scope=\"repository:team/web:pull\"");
        });
    }

    @Test void after_a_basic_login_a_redirect_to_another_host_is_followed_without_the_login() {
        basicThenRedirect(other.url(MANIFEST));
        other.answering(ex -> HostileRegistry.Reply.json(INDEX));
        assertThat(look(LOGIN)).isInstanceOf(RegistryAnswer.Found.class);
        assertThat(registry.seen).extracting(HostileRegistry.Seen::authorization).contains(BASIC);
        assertThat(other.seen).hasSize(1);
        assertThat(other.sawAuthorization()).as("the password reached 127.0.0.2").isFalse();
    }

    @Test void after_the_token_flow_a_redirect_to_another_host_is_followed_without_the_token() {
        bearerThenRedirect(other.url(MANIFEST));
        other.answering(ex -> HostileRegistry.Reply.json(INDEX));
        assertThat(look(LOGIN)).isInstanceOf(RegistryAnswer.Found.class);
        // The login went to the realm (the registry's own /token here), the token to the registry.
        assertThat(registry.seen).contains(new HostileRegistry.Seen("/token?scope=repository%3Ateam%2Fweb%3Apull&service=registry", BASIC),
                new HostileRegistry.Seen(MANIFEST, "Bearer registry-token"));
        assertThat(other.seen).hasSize(1);
        assertThat(other.sawAuthorization()).as("the token reached 127.0.0.2").isFalse();
    }

    @Test void a_config_blob_on_a_storage_host_is_read_without_the_token() {
        String config = "{\"architecture\":\"arm64\",\"os\":\"linux\"}";
        String digest = HttpRegistry.sha256(config.getBytes(StandardCharsets.UTF_8));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"config\":{\"digest\":\""
                + digest + "\"},\"layers\":[]}";
        registry.answering(ex -> {
            if (ex.getRequestURI().getPath().equals("/token")) return HostileRegistry.Reply.json("{\"token\":\"registry-token\"}");
            if (!"Bearer registry-token".equals(auth(ex))) {
                return new HostileRegistry.Reply(401, "{}", "WWW-Authenticate", "Bearer realm=\"" + registry.url("/token") + "\"");
            }
            if (ex.getRequestURI().getPath().contains("/blobs/")) return HostileRegistry.Reply.redirect(other.url("/storage/" + digest + "?sig=abc"));
            return HostileRegistry.Reply.json(manifest);
        });
        other.answering(ex -> HostileRegistry.Reply.json(config));
        RegistryAnswer a = look(null);
        assertThat(a).isInstanceOf(RegistryAnswer.Found.class);
        assertThat(((RegistryAnswer.Found) a).platforms()).containsExactly(new Platform("linux", "arm64", null));
        assertThat(other.seen).containsExactly(new HostileRegistry.Seen("/storage/" + digest + "?sig=abc", null));
    }

    @Test void a_redirect_to_the_same_registry_keeps_its_token() {
        registry.answering(ex -> {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/token")) return HostileRegistry.Reply.json("{\"token\":\"registry-token\"}");
            if (!"Bearer registry-token".equals(auth(ex))) {
                return new HostileRegistry.Reply(401, "{}", "WWW-Authenticate", "Bearer realm=\"" + registry.url("/token") + "\"");
            }
            return path.equals(MANIFEST) ? HostileRegistry.Reply.redirect("/moved" + MANIFEST) : HostileRegistry.Reply.json(INDEX);
        });
        assertThat(look(null)).isInstanceOf(RegistryAnswer.Found.class);
        assertThat(registry.seen).contains(new HostileRegistry.Seen("/moved" + MANIFEST, "Bearer registry-token"));
    }

    @Test void a_metadata_path_on_another_address_is_never_fetched() {
        for (boolean bearer : new boolean[] {false, true}) {
            String path = "/latest/meta-data/iam/security-credentials/ci-role";
            if (bearer) bearerThenRedirect(other.url(path)); else basicThenRedirect(other.url(path));
            RegistryAnswer a = look(LOGIN);
            assertThat(a).isEqualTo(new RegistryAnswer.NotFollowed("the registry redirected to " + other.host() + "; not followed because "
                    + path + " is an instance metadata path, which gantry never asks"));
            assertThat(other.seen).as("requests to 127.0.0.2").isEmpty();
        }
    }

    @Test void metadata_addresses_are_never_followed_by_address_or_by_a_name_that_resolves_there() {
        String[][] cases = {
                {"http://169.254.169.254/latest/meta-data/", "169.254.169.254 is an instance metadata address, which gantry never asks"},
                {"http://169.254.170.2/v2/credentials/abc", "169.254.170.2 is an instance metadata address, which gantry never asks"},
                {"http://[fd00:ec2::254]/", "[fd00:ec2::254] is an instance metadata address, which gantry never asks"},
                {"https://creds.attacker.test/blob", "creds.attacker.test is 169.254.169.254, and that is an instance metadata address, which gantry never asks"},
                {"https://mixed.attacker.test/blob", "mixed.attacker.test is 169.254.169.254, and that is an instance metadata address, which gantry never asks"},
        };
        for (String[] c : cases) {
            basicThenRedirect(c[0]);
            RegistryAnswer a = look(LOGIN);
            assertThat(a).isInstanceOf(RegistryAnswer.NotFollowed.class);
            assertThat(((RegistryAnswer.NotFollowed) a).why()).startsWith("the registry redirected to ").endsWith("; not followed because " + c[1]);
        }
    }

    @Test void a_loopback_registry_may_not_send_gantry_to_private_or_link_local_addresses() {
        basicThenRedirect("http://10.0.0.5/blob");
        assertThat(look(LOGIN)).isEqualTo(new RegistryAnswer.NotFollowed(
                "the registry redirected to 10.0.0.5; not followed because 10.0.0.5 is a private address and the registry is not on one"));
        basicThenRedirect("http://169.254.10.10:8080/blob");
        assertThat(look(LOGIN)).isEqualTo(new RegistryAnswer.NotFollowed("the registry redirected to 169.254.10.10:8080; not followed because "
                + "169.254.10.10 is a link-local address and the registry is not on one"));
    }

    @Test void a_token_realm_on_a_metadata_address_or_path_is_not_asked() {
        registry.answering(ex -> new HostileRegistry.Reply(401, "{}", "WWW-Authenticate",
                "Bearer realm=\"http://169.254.169.254/latest/meta-data/iam/security-credentials/\",service=\"x\""));
        assertThat(look(LOGIN)).isEqualTo(new RegistryAnswer.NotFollowed("the registry sent gantry for a token to 169.254.169.254; not asked because "
                + "169.254.169.254 is an instance metadata address, which gantry never asks"));
        String path = "/latest/meta-data/iam/security-credentials/";
        registry.answering(ex -> new HostileRegistry.Reply(401, "{}", "WWW-Authenticate", "Bearer realm=\"" + other.url(path) + "\""));
        assertThat(look(LOGIN)).isEqualTo(new RegistryAnswer.NotFollowed("the registry sent gantry for a token to " + other.host()
                + "; not asked because " + path + " is an instance metadata path, which gantry never asks"));
        assertThat(other.seen).isEmpty();
        assertThat(registry.sawAuthorization()).isFalse();
    }

    @Test void the_login_goes_to_the_realm_but_not_where_the_realm_redirects() throws IOException {
        third = new HostileRegistry("127.0.0.3");
        registry.answering(ex -> "Bearer realm-token".equals(auth(ex)) ? HostileRegistry.Reply.json(INDEX)
                : new HostileRegistry.Reply(401, "{}", "WWW-Authenticate", "Bearer realm=\"" + other.url("/token") + "\""));
        other.answering(ex -> HostileRegistry.Reply.redirect(third.url("/elsewhere")));
        third.answering(ex -> HostileRegistry.Reply.json("{\"token\":\"realm-token\"}"));
        assertThat(look(LOGIN)).isInstanceOf(RegistryAnswer.Found.class);
        assertThat(other.seen).extracting(HostileRegistry.Seen::authorization).containsExactly(BASIC);
        assertThat(third.seen).hasSize(1);
        assertThat(third.sawAuthorization()).as("the login reached 127.0.0.3").isFalse();
    }

    @Test void a_challenge_from_the_storage_host_is_not_answered() {
        bearerThenRedirect(other.url(MANIFEST));
        other.answering(ex -> new HostileRegistry.Reply(401, "{}", "WWW-Authenticate", "Bearer realm=\"" + other.url("/token") + "\""));
        look(LOGIN);
        assertThat(other.seen).containsExactly(new HostileRegistry.Seen(MANIFEST, null));
    }

    @Test void redirects_stop_after_five() {
        registry.answering(ex -> HostileRegistry.Reply.redirect(ex.getRequestURI().getPath() + "x"));
        RegistryAnswer a = look(null);
        assertThat(a).isInstanceOf(RegistryAnswer.NotFollowed.class);
        assertThat(((RegistryAnswer.NotFollowed) a).why()).contains("after 5 redirects already; not followed further");
        assertThat(registry.seen).hasSize(6);
    }

    @Test void a_redirect_not_followed_is_a_note_and_the_check_is_not_done() throws Exception {
        basicThenRedirect(other.url("/latest/meta-data/iam/security-credentials/ci-role"));
        String worker = java.nio.file.Files.readString(java.nio.file.Path.of("templates/worker.yaml"))
                .replace("public.ecr.aws/docker/library/busybox:1.36", registry.host() + "/team/web:1.0");
        var spec = dev.gantry.spec.yaml.SpecLoader.load("gantry.yaml", worker);
        ImageCheck.Report r = new ImageCheck(client, (image, login) -> { throw new AssertionError("not ECR"); })
                .check(spec, () -> "123456789012", LOGIN);
        assertThat(r.checked()).isFalse();
        assertThat(r.problems()).isEmpty();
        assertThat(r.notes()).containsExactly("could not check task.image " + registry.host() + "/team/web:1.0: the registry redirected to "
                + other.host() + "; not followed because /latest/meta-data/iam/security-credentials/ci-role is an instance metadata path,"
                + " which gantry never asks. The image was not checked: ECS will be the first to pull it (--skip-image-check skips this look-up)");
        assertThat(other.seen).isEmpty();
    }
}
