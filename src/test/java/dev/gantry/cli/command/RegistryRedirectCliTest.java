package dev.gantry.cli.command;

import dev.gantry.image.HostileRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack of issue 26 as a person would meet it: {@code gantry apply --simulate --secret
 * REGISTRY_CREDENTIALS=@FILE} with a registry on 127.0.0.1 that redirects to another host
 * (127.0.0.2). The login never reaches that host, a metadata path is never fetched, and what was
 * not followed is said, with the image reported as not checked.
 */
class RegistryRedirectCliTest {
    static final String INDEX = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":"
            + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + "2".repeat(64)
            + "\",\"size\":100,\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\"}}]}";
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("robot:hunter2".getBytes(StandardCharsets.UTF_8));
    static final String METADATA = "/latest/meta-data/iam/security-credentials/ci-role";

    @TempDir Path dir;
    HostileRegistry registry, other;
    Path spec, login;

    @BeforeEach void start() throws IOException {
        registry = new HostileRegistry("127.0.0.1");
        other = new HostileRegistry("127.0.0.2");
        spec = dir.resolve("gantry.yaml");
        Files.writeString(spec, Files.readString(Path.of("templates/worker.yaml"))
                .replace("public.ecr.aws/docker/library/busybox:1.36", registry.host() + "/team/worker:1.0")
                .replace("  logs:\n", "  registryCredentials:\n    secret: worker/registry\n  logs:\n"));
        login = dir.resolve("login");
        Files.writeString(login, "robot:hunter2");
    }

    @AfterEach void stop() {
        registry.close();
        other.close();
    }

    void basicThenRedirect(String location) {
        registry.answering(ex -> BASIC.equals(ex.getRequestHeaders().getFirst("Authorization")) ? HostileRegistry.Reply.redirect(location)
                : new HostileRegistry.Reply(401, "{}", "WWW-Authenticate", "Basic realm=\"registry\""));
    }

    CliRun apply() {
        return CliRun.gantry(dir, Map.of(), "apply", "--simulate", "--yes", "--plain", "-f", spec.toString(),
                "--secret", "REGISTRY_CREDENTIALS=@" + login);
    }

    @Test void a_redirect_to_a_metadata_path_is_not_followed_and_the_image_is_reported_unchecked() {
        basicThenRedirect(other.url(METADATA));
        CliRun r = apply();
        assertThat(other.seen).as("requests to 127.0.0.2").isEmpty();
        assertThat(r.err() + r.out()).contains("note: could not check task.image " + registry.host() + "/team/worker:1.0: the registry redirected to "
                + other.host() + "; not followed because " + METADATA + " is an instance metadata path, which gantry never asks."
                + " The image was not checked");
        assertThat(r.err() + r.out()).doesNotContain("hunter2");

        CliRun pinned = CliRun.gantry(dir, Map.of(), "apply", "--simulate", "--yes", "--plain", "--pin-digest", "-f", spec.toString(),
                "--secret", "REGISTRY_CREDENTIALS=@" + login);
        assertThat(pinned.err() + pinned.out()).contains("note: --pin-digest: the registry gave no digest for " + registry.host()
                + "/team/worker:1.0, so the task definition names the image by its tag, not pinned");

        CliRun plan = CliRun.gantry(dir, Map.of(), "plan", "--simulate", "-f", spec.toString());
        assertThat(plan.err()).contains("note: could not check task.image").contains("not followed because " + METADATA);
        assertThat(other.seen).isEmpty();
    }

    @Test void the_login_does_not_follow_a_redirect_to_another_host() {
        basicThenRedirect(other.url("/v2/team/worker/manifests/1.0"));
        other.answering(ex -> HostileRegistry.Reply.json(INDEX));
        CliRun r = apply();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(registry.seen).extracting(HostileRegistry.Seen::authorization).contains(BASIC);
        assertThat(other.seen).isNotEmpty();
        assertThat(other.sawAuthorization()).as("the registry password reached 127.0.0.2").isFalse();
        assertThat(r.err() + r.out()).doesNotContain("could not check");
    }
}
