package dev.gantry.spec;

import java.util.Locale;

/**
 * How requests reach a public service of a version-2 spec: a host, a host and a path, or a path on
 * any host ({@code www.example.com}, {@code www.example.com/api/*}, {@code /static/*}). {@code host}
 * or {@code path} is null when the route does not name it. A path is exact, or ends with {@code *}
 * (ALB's path-pattern wildcard: any characters, none included).
 */
public record Route(String host, String path) {
    /** ALB's limit on a host-header or path-pattern condition value (CreateRule: Values, 128 characters). */
    public static final int MAX_CONDITION_VALUE = 128;

    /** Reads {@code HOST}, {@code HOST/PATH} or {@code /PATH}; the text is not checked here (see {@link #problem}). */
    public static Route parse(String text) {
        if (text.startsWith("/")) return new Route(null, text);
        int slash = text.indexOf('/');
        return slash < 0 ? new Route(text, null) : new Route(text.substring(0, slash), text.substring(slash));
    }

    /** What is wrong with a route as written, or null. */
    public static Rules.Problem problem(String text) {
        if (text == null || text.isBlank()) {
            return new Rules.Problem("a route is empty", "write a host (www.example.com), a host and path (www.example.com/api/*) or a path (/static/*)");
        }
        Route r = parse(text);
        if (r.host != null) {
            Rules.Problem host = Rules.dnsName(r.host);
            if (host != null) return new Rules.Problem("the route's host: " + host.message(), host.fix());
            if (r.host.length() > MAX_CONDITION_VALUE) {
                return new Rules.Problem("the route's host is longer than the " + MAX_CONDITION_VALUE + " characters a load balancer rule allows", "use a shorter host name");
            }
        }
        if (r.path != null) {
            String p = r.path;
            if (p.length() > MAX_CONDITION_VALUE) {
                return new Rules.Problem("the route's path is longer than the " + MAX_CONDITION_VALUE + " characters a load balancer rule allows", "use a shorter path");
            }
            // ALB path patterns: A-Z a-z 0-9 _ - . $ / ~ " ' @ : + & and the wildcards * and ?;
            // gantry takes '*' only at the end, so a route reads as "this prefix" or "exactly this".
            if (!p.matches("/[A-Za-z0-9_\\-.$/~\"'@:+&]*\\*?")) {
                return new Rules.Problem("the route's path '" + p + "' may hold letters, digits and _ - . $ / ~ \" ' @ : + &, with * only at its end",
                        "e.g. /api/* (everything under /api/) or /health (exactly that path)");
            }
        }
        return null;
    }

    public boolean prefix() { return path != null && path.endsWith("*"); }

    /** Whether a request for {@code host} and {@code requestPath} matches, as the load balancer's rule would. */
    public boolean matches(String requestHost, String requestPath) {
        if (host != null && !host.equalsIgnoreCase(requestHost)) return false;
        if (path == null) return true;
        String p = requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
        return prefix() ? p.startsWith(path.substring(0, path.length() - 1)) : p.equals(path);
    }

    /** As the spec writes it. */
    public String text() {
        return (host == null ? "" : host.toLowerCase(Locale.ROOT)) + (path == null ? "" : path);
    }

    @Override public String toString() { return text(); }
}
