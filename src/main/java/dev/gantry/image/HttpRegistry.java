package dev.gantry.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OCI distribution / Docker Registry v2 HTTP API: the manifest (an index or list of
 * per-platform manifests, or one manifest whose config names its platform), and the tag list.
 * Authentication is the registries' usual token flow: a 401 carries a {@code WWW-Authenticate:
 * Bearer realm=…,service=…,scope=…} challenge; gantry asks the realm for a pull token
 * (anonymously, or with Basic credentials when the spec gives some) and retries with it.
 * A registry on localhost/127.0.0.1 is spoken to over plain HTTP; every other one over HTTPS.
 * Redirects (blob and manifest storage on other hosts) are followed here, not by the HTTP client,
 * under {@link RedirectRules}, and a login goes only to the host it was issued for.
 */
public final class HttpRegistry implements RegistryClient {
    static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    /** Made with the first answer to read, not with the class (most runs read none). */
    private static final class Json { static final ObjectMapper MAPPER = new ObjectMapper(); }

    private final Duration timeout;
    private final RedirectRules rules;
    private HttpClient http;

    public HttpRegistry(Duration timeout) { this(timeout, InetAddress::getAllByName); }

    /** {@code resolver}: how host names become addresses for {@link RedirectRules} (tests map names of their own). */
    HttpRegistry(Duration timeout, RedirectRules.Resolver resolver) {
        this.timeout = timeout;
        this.rules = new RedirectRules(resolver);
    }

    /**
     * The HTTP client, made on the first question: making one loads Java's TLS stack and its
     * trusted certificates (a fifth of a no-op {@code plan --simulate}'s time), and most runs ask
     * no registry over HTTP at all (ECR images, the simulated world's registries). It follows no
     * redirect itself: {@link Conversation#fetch} does, under {@link RedirectRules}.
     */
    private synchronized HttpClient http() {
        if (http == null) http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        return http;
    }

    /** Short timeouts: an unreachable registry must not hold up a plan. */
    public static HttpRegistry standard() { return new HttpRegistry(Duration.ofSeconds(5)); }

    @Override public RegistryAnswer look(ImageName image, Credentials credentials) {
        try {
            return new Conversation(image, credentials).manifest();
        } catch (NotFollowed e) {
            return new RegistryAnswer.NotFollowed(e.getMessage());
        } catch (IOException e) {
            return new RegistryAnswer.Unreachable(image.apiHost() + " did not answer (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RegistryAnswer.Unreachable("interrupted");
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** The registry pointed gantry somewhere {@link RedirectRules} forbid; the message says where and why. */
    private static final class NotFollowed extends IOException {
        NotFollowed(String message) { super(message); }
    }

    /** An Authorization header and the one origin (scheme://host:port) it may be sent to. */
    private record Login(String origin, String header) {}

    /** One image's questions, sharing the token the first 401 led to. */
    private final class Conversation {
        private final ImageName image;
        private final Credentials credentials;
        private final String base;
        private final String registryOrigin;
        private Set<RedirectRules.Reach> registryReach;
        private Login authorization;

        Conversation(ImageName image, Credentials credentials) {
            this.image = image;
            this.credentials = credentials;
            this.base = (image.local() ? "http://" : "https://") + image.apiHost() + "/v2/" + image.repository();
            this.registryOrigin = RedirectRules.origin(URI.create(base));
        }

        RegistryAnswer manifest() throws IOException, InterruptedException {
            HttpResponse<byte[]> r = get(base + "/manifests/" + image.reference(), ACCEPT);
            if (r.statusCode() == 401 || r.statusCode() == 403) return unauthorized(r);
            if (r.statusCode() == 404) return notFound(r);
            if (r.statusCode() != 200) return new RegistryAnswer.Unreachable(image.apiHost() + " answered HTTP " + r.statusCode());
            String digest = r.headers().firstValue("Docker-Content-Digest").orElseGet(() -> sha256(r.body()));
            JsonNode m = Json.MAPPER.readTree(r.body());
            List<Platform> platforms = new ArrayList<>(Platform.listedIn(m));
            if (!m.has("manifests") && m.has("config")) {
                Platform p = configPlatform(m.get("config").path("digest").asText());
                if (p != null) platforms.add(p);
            }
            return new RegistryAnswer.Found(digest, platforms);
        }

        /** A single-platform image names its platform in its config blob. */
        private Platform configPlatform(String digest) throws IOException, InterruptedException {
            if (digest.isBlank()) return null;
            HttpResponse<byte[]> r = get(base + "/blobs/" + digest, "application/json, */*");
            if (r.statusCode() != 200) return null;
            JsonNode c = Json.MAPPER.readTree(r.body());
            if (!c.has("architecture")) return null;
            return new Platform(c.path("os").asText("linux"), c.path("architecture").asText(), c.path("variant").asText(null));
        }

        private RegistryAnswer notFound(HttpResponse<byte[]> r) throws IOException, InterruptedException {
            if (errorCodes(r).contains("NAME_UNKNOWN")) return new RegistryAnswer.NoSuchRepository(image.display());
            HttpResponse<byte[]> tags = get(base + "/tags/list", "application/json");
            if (tags.statusCode() == 404) return new RegistryAnswer.NoSuchRepository(image.display());
            List<String> list = new ArrayList<>();
            if (tags.statusCode() == 200) {
                JsonNode t = Json.MAPPER.readTree(tags.body()).path("tags");
                if (t.isArray()) t.forEach(x -> list.add(x.asText()));
            }
            return new RegistryAnswer.NoSuchTag(list);
        }

        private RegistryAnswer unauthorized(HttpResponse<byte[]> r) {
            List<String> codes = errorCodes(r);
            String detail = codes.isEmpty() ? "HTTP " + r.statusCode() : String.join(", ", codes);
            return new RegistryAnswer.Unauthorized(detail, credentials != null);
        }

        /**
         * GET, answering one Bearer or Basic challenge on the way. Only the registry's own challenge
         * is answered: a 401 from the storage a redirect led to is that storage's answer, and
         * answering it would send a login where the registry chose.
         */
        private HttpResponse<byte[]> get(String url, String accept) throws IOException, InterruptedException {
            HttpResponse<byte[]> r = fetch(URI.create(url), accept, authorization, "the registry redirected to ");
            if (r.statusCode() != 401 || authorization != null || !registryOrigin.equals(RedirectRules.origin(r.uri()))) return r;
            String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
            if (challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
                String token = token(challenge);
                if (token == null) return r;
                authorization = new Login(registryOrigin, "Bearer " + token);
            } else if (challenge.regionMatches(true, 0, "Basic", 0, 5) && credentials != null) {
                authorization = new Login(registryOrigin, basic());
            } else {
                return r;
            }
            return fetch(URI.create(url), accept, authorization, "the registry redirected to ");
        }

        /**
         * GET {@code url}, following up to {@link RedirectRules#MAX_REDIRECTS} redirects, each
         * one judged by {@link RedirectRules} first. {@code login} goes only to its own origin: a
         * redirect to blob storage on another host is followed without it, as Docker does.
         */
        private HttpResponse<byte[]> fetch(URI url, String accept, Login login, String said) throws IOException, InterruptedException {
            URI at = url;
            for (int hop = 0; ; hop++) {
                HttpRequest.Builder b = HttpRequest.newBuilder(at).timeout(timeout).GET();
                if (accept != null) b.header("Accept", accept);
                if (login != null && login.origin().equals(RedirectRules.origin(at))) b.header("Authorization", login.header());
                HttpResponse<byte[]> r = http().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                Optional<String> location = r.headers().firstValue("Location");
                if (!REDIRECTS.contains(r.statusCode()) || location.isEmpty()) return r;
                URI next;
                try {
                    next = at.resolve(location.get().strip());
                } catch (IllegalArgumentException e) {
                    throw new NotFollowed(said + "an address gantry cannot read; not followed");
                }
                if (hop + 1 > RedirectRules.MAX_REDIRECTS) {
                    throw new NotFollowed(said + RedirectRules.hostPort(next) + " after " + RedirectRules.MAX_REDIRECTS
                            + " redirects already; not followed further");
                }
                refuseIfForbidden(next, said, "not followed");
                at = next;
            }
        }

        /** Throws {@link NotFollowed} when the rules forbid {@code target}. */
        private void refuseIfForbidden(URI target, String said, String notDone) throws NotFollowed {
            Set<RedirectRules.Reach> registry;
            try {
                if (registryReach == null) registryReach = rules.reach(URI.create(base).getHost());
                registry = registryReach;
            } catch (java.net.UnknownHostException e) {
                registry = Set.of();
            }
            Optional<String> why = rules.refusal(registry, target);
            if (why.isPresent()) throw new NotFollowed(said + RedirectRules.hostPort(target) + "; " + notDone + " because " + why.get());
        }

        /**
         * The pull token the challenge's realm hands out, or null when it refuses. The realm is
         * the registry's choice, so it is judged like a redirect; the Basic login goes to the
         * realm's origin only (the token service is who checks it), never to where it redirects.
         */
        private String token(String challenge) throws IOException, InterruptedException {
            Map<String, String> p = new LinkedHashMap<>();
            Matcher m = PARAM.matcher(challenge);
            while (m.find()) p.put(m.group(1).toLowerCase(), m.group(2));
            String realm = p.get("realm");
            if (realm == null) return null;
            String scope = p.getOrDefault("scope", "repository:" + image.repository() + ":pull");
            StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?").append("scope=").append(enc(scope));
            if (p.containsKey("service")) url.append("&service=").append(enc(p.get("service")));
            URI realmUri;
            try {
                realmUri = URI.create(url.toString());
            } catch (IllegalArgumentException e) {
                throw new NotFollowed("the registry named a token service gantry cannot read; not asked");
            }
            refuseIfForbidden(realmUri, "the registry sent gantry for a token to ", "not asked");
            Login login = credentials == null ? null : new Login(RedirectRules.origin(realmUri), basic());
            HttpResponse<byte[]> r = fetch(realmUri, null, login, "the registry's token service redirected to ");
            if (r.statusCode() != 200) return null;
            JsonNode t = Json.MAPPER.readTree(r.body());
            String token = t.path("token").asText(t.path("access_token").asText(""));
            return token.isEmpty() ? null : token;
        }

        private String basic() {
            String pair = credentials.username() + ":" + new String(credentials.password());
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The statuses that redirect (all of gantry's requests are GETs, so each is followed with a GET). */
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private static List<String> errorCodes(HttpResponse<byte[]> r) {
        List<String> out = new ArrayList<>();
        try {
            JsonNode errors = Json.MAPPER.readTree(r.body()).path("errors");
            if (errors.isArray()) errors.forEach(e -> out.add(e.path("code").asText()));
        } catch (IOException | RuntimeException notJson) {
            // an error page rather than the API's JSON: no codes
        }
        return out;
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static String sha256(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
