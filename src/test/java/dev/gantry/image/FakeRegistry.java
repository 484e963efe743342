package dev.gantry.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OCI distribution registry served by the test itself on 127.0.0.1: the Bearer token flow
 * (a 401 with a challenge, a token endpoint that hands out pull tokens, anonymously for public
 * repositories and only with the right Basic login for private ones), image indexes with
 * platforms, single manifests with a config blob, the tag list, and 404s with the API's codes.
 */
public final class FakeRegistry implements AutoCloseable {
    private record Repo(boolean isPrivate, Map<String, String> tags, Map<String, String> manifests, Map<String, String> blobs) {}

    private final HttpServer server;
    private final Map<String, Repo> repos = new LinkedHashMap<>();
    private final String user, password;
    final AtomicInteger requests = new AtomicInteger();

    public FakeRegistry(String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** host:port, as an image reference names the registry. */
    public String host() { return "127.0.0.1:" + server.getAddress().getPort(); }

    /** An image with one manifest per platform ("linux/amd64", "linux/arm64/v8"), under {@code tag}; returns the index's digest. */
    public String pushIndex(String repo, boolean isPrivate, String tag, String... platforms) {
        StringBuilder b = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[");
        for (int i = 0; i < platforms.length; i++) {
            String[] p = platforms[i].split("/");
            if (i > 0) b.append(',');
            b.append("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:").append("%064x".formatted(i + 1))
                    .append("\",\"size\":100,\"platform\":{\"os\":\"").append(p[0]).append("\",\"architecture\":\"").append(p[1]).append('"')
                    .append(p.length > 2 ? ",\"variant\":\"" + p[2] + "\"" : "").append("}}");
        }
        // buildx adds an attestation manifest: not a platform anything runs on.
        b.append(",{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:").append("f".repeat(64))
                .append("\",\"size\":100,\"platform\":{\"os\":\"unknown\",\"architecture\":\"unknown\"}}]}");
        return push(repo, isPrivate, tag, b.toString(), Map.of());
    }

    /** A single-platform image: a manifest whose config blob names the architecture. */
    public String pushSingle(String repo, boolean isPrivate, String tag, String architecture) {
        String config = "{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"config\":{}}";
        String configDigest = HttpRegistry.sha256(config.getBytes(StandardCharsets.UTF_8));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"config\":{"
                + "\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length() + "},\"layers\":[]}";
        return push(repo, isPrivate, tag, manifest, Map.of(configDigest, config));
    }

    private synchronized String push(String repo, boolean isPrivate, String tag, String manifest, Map<String, String> blobs) {
        Repo r = repos.computeIfAbsent(repo, k -> new Repo(isPrivate, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>()));
        String digest = HttpRegistry.sha256(manifest.getBytes(StandardCharsets.UTF_8));
        r.manifests.put(digest, manifest);
        r.tags.put(tag, digest);
        r.blobs.putAll(blobs);
        return digest;
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/token")) {
                token(ex);
                return;
            }
            if (!path.startsWith("/v2/")) {
                send(ex, 404, "{}");
                return;
            }
            String rest = path.substring(4);
            String repo;
            String kind;
            String ref = null;
            if (rest.endsWith("/tags/list")) {
                repo = rest.substring(0, rest.length() - "/tags/list".length());
                kind = "tags";
            } else if (rest.contains("/manifests/")) {
                repo = rest.substring(0, rest.lastIndexOf("/manifests/"));
                kind = "manifest";
                ref = rest.substring(rest.lastIndexOf("/manifests/") + 11);
            } else if (rest.contains("/blobs/")) {
                repo = rest.substring(0, rest.lastIndexOf("/blobs/"));
                kind = "blob";
                ref = rest.substring(rest.lastIndexOf("/blobs/") + 7);
            } else {
                send(ex, 404, "{}");
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer token-for-" + repo).equals(auth)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host() + "/token\",service=\"fake-registry\",scope=\"repository:"
                        + repo + ":pull\"");
                send(ex, 401, errors("UNAUTHORIZED"));
                return;
            }
            Repo r = repos.get(repo);
            if (r == null) {
                send(ex, 404, errors("NAME_UNKNOWN"));
                return;
            }
            switch (kind) {
                case "tags" -> send(ex, 200, "{\"name\":\"" + repo + "\",\"tags\":" + quoted(new ArrayList<>(r.tags.keySet())) + "}");
                case "blob" -> {
                    String blob = r.blobs.get(ref);
                    if (blob == null) send(ex, 404, errors("BLOB_UNKNOWN")); else send(ex, 200, blob);
                }
                default -> {
                    String digest = ref.startsWith("sha256:") ? ref : r.tags.get(ref);
                    String manifest = digest == null ? null : r.manifests.get(digest);
                    if (manifest == null) {
                        send(ex, 404, errors("MANIFEST_UNKNOWN"));
                        return;
                    }
                    ex.getResponseHeaders().add("Docker-Content-Digest", digest);
                    send(ex, 200, manifest);
                }
            }
        }
    }

    /** Public repositories (and unknown ones, as Docker Hub does) get an anonymous token; private ones only with the login. */
    private void token(HttpExchange ex) throws IOException {
        String query = URLDecoder.decode(ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        String scope = query.replaceAll(".*scope=repository:([^&]*):pull.*", "$1");
        Repo r = repos.get(scope);
        if (r != null && r.isPrivate) {
            String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, errors("UNAUTHORIZED"));
                return;
            }
        }
        send(ex, 200, "{\"token\":\"token-for-" + scope + "\"}");
    }

    private static String errors(String code) { return "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + code.toLowerCase() + "\"}]}"; }

    private static String quoted(List<String> list) {
        return "[" + String.join(",", list.stream().map(s -> "\"" + s + "\"").toList()) + "]";
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override public void close() { server.stop(0); }
}
