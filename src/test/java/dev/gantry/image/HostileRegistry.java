package dev.gantry.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A listener the test serves on one loopback address, recording every request it gets (path and
 * Authorization header) and answering each as the test says: a registry that turns hostile, or
 * the "other host" a redirect points at (127.0.0.2, a different host to any HTTP client).
 */
public final class HostileRegistry implements AutoCloseable {
    /** What came in: the path with its query, and the Authorization header (null when none). */
    public record Seen(String path, String authorization) {}

    /** How to answer one request. */
    public record Reply(int status, String body, String... headers) {
        public static Reply redirect(String location) { return new Reply(307, "", "Location", location); }
        public static Reply json(String body) { return new Reply(200, body, "Content-Type", "application/json"); }
    }

    public final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile Function<HttpExchange, Reply> answer = ex -> new Reply(404, "{}");

    public HostileRegistry(String address) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** host:port. */
    public String host() { return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort(); }

    public String url(String path) { return "http://" + host() + path; }

    public HostileRegistry answering(Function<HttpExchange, Reply> answer) {
        this.answer = answer;
        return this;
    }

    /** Whether any request carried an Authorization header. */
    public boolean sawAuthorization() { return seen.stream().anyMatch(s -> s.authorization() != null); }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String q = ex.getRequestURI().getRawQuery();
            seen.add(new Seen(ex.getRequestURI().getPath() + (q == null ? "" : "?" + q), ex.getRequestHeaders().getFirst("Authorization")));
            Reply r = answer.apply(ex);
            for (int i = 0; i + 1 < r.headers().length; i += 2) ex.getResponseHeaders().add(r.headers()[i], r.headers()[i + 1]);
            byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(r.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) ex.getResponseBody().write(bytes);
        }
    }

    @Override public void close() { server.stop(0); }
}
