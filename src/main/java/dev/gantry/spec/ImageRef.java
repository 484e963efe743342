package dev.gantry.spec;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A container image reference, checked with the grammar Docker and ECS use
 * ({@code [registry[:port]/]path[:tag][@sha256:digest]}), so a typo fails here rather than as
 * CannotPullContainerError minutes into a deployment.
 */
public final class ImageRef {
    private ImageRef() {}

    private static final Pattern DOMAIN_COMPONENT = Pattern.compile("^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$");
    private static final Pattern PATH_COMPONENT = Pattern.compile("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$");
    private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");
    private static final Pattern DIGEST = Pattern.compile("^sha256:[a-f0-9]{64}$");
    private static final Pattern PORT = Pattern.compile("^[0-9]{1,5}$");

    /** Null when valid. */
    public static Rules.Problem check(String ref) {
        if (ref == null || ref.isBlank()) return new Rules.Problem("an image is required", "e.g. public.ecr.aws/nginx/nginx:1.27");
        if (!ref.equals(ref.strip()) || ref.chars().anyMatch(Character::isWhitespace)) {
            return new Rules.Problem("an image reference cannot contain spaces", suggest(ref));
        }
        String name = ref;
        int at = ref.indexOf('@');
        if (at >= 0) {
            String digest = ref.substring(at + 1);
            name = ref.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                return new Rules.Problem("the digest '" + digest + "' is not sha256: followed by 64 lowercase hex digits",
                        "copy the full digest from your registry: " + name + "@sha256:<64 hex digits>");
            }
        }
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        if (colon > slash) {
            String tag = name.substring(colon + 1);
            name = name.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                return new Rules.Problem("the tag '" + tag + "' is not valid (letters, digits, _ . -, at most 128, not starting with . or -)",
                        "e.g. " + name + ":1.0");
            }
        }
        if (name.isEmpty()) return new Rules.Problem("the image has no repository name", "e.g. public.ecr.aws/nginx/nginx:1.27");
        if (name.length() > 255) return new Rules.Problem("the repository name is longer than 255 characters", "use a shorter name");
        String[] parts = name.split("/", -1);
        int first = 0;
        if (parts.length > 1 && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"))) {
            Rules.Problem p = checkRegistry(parts[0]);
            if (p != null) return p;
            first = 1;
        }
        for (int i = first; i < parts.length; i++) {
            String c = parts[i];
            if (PATH_COMPONENT.matcher(c).matches()) continue;
            String lower = c.toLowerCase(Locale.ROOT);
            if (!lower.equals(c) && PATH_COMPONENT.matcher(lower).matches()) {
                return new Rules.Problem("repository names must be lowercase ('" + c + "')", suggest(ref));
            }
            return new Rules.Problem(c.isEmpty() ? "the image name has an empty path part ('//' or a trailing '/')"
                    : "'" + c + "' is not a valid repository path part (lowercase letters, digits, separated by . _ __ or -)",
                    "e.g. public.ecr.aws/nginx/nginx:1.27 or 123456789012.dkr.ecr.us-east-1.amazonaws.com/hello:1.0");
        }
        return null;
    }

    /**
     * "use X" with X the reference without spaces and with a lowercase registry and repository (the
     * tag keeps its case), but only when X is itself valid: a suggestion must never be another mistake.
     */
    private static String suggest(String ref) {
        String s = ref.replaceAll("\\s", "");
        int at = s.indexOf('@');
        String digest = at >= 0 ? s.substring(at) : "";
        String name = at >= 0 ? s.substring(0, at) : s;
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        String tag = colon > slash ? name.substring(colon) : "";
        if (colon > slash) name = name.substring(0, colon);
        String candidate = name.toLowerCase(Locale.ROOT) + tag + digest;
        return !candidate.isEmpty() && check(candidate) == null ? "use " + candidate
                : "e.g. public.ecr.aws/nginx/nginx:1.27 or 123456789012.dkr.ecr.us-east-1.amazonaws.com/hello:1.0";
    }

    /** Warnings for a valid reference that will not deploy reproducibly; null when pinned. */
    public static Rules.Problem warning(String ref) {
        if (ref == null || check(ref) != null || ref.contains("@")) return null;
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        if (colon <= slash) {
            return new Rules.Problem("the image has no tag, so it means ':latest', which changes under you",
                    "pin a version, e.g. " + ref + ":1.0");
        }
        if (ref.substring(colon + 1).equals("latest")) {
            return new Rules.Problem("':latest' changes under you: tasks started later may run a different version",
                    "pin a version tag or a digest");
        }
        return null;
    }

    /**
     * {@code ref} pinned to {@code digest}: the tag stays in the reference so people (and gantry's
     * plan) still see which tag it came from; the registry pulls by the digest alone.
     */
    public static String pinned(String ref, String digest) { return unpinned(ref) + "@" + digest; }

    /** {@code ref} without its digest. */
    public static String unpinned(String ref) {
        int at = ref.indexOf('@');
        return at >= 0 ? ref.substring(0, at) : ref;
    }

    private static boolean fullIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255 || (p.length() > 1 && p.startsWith("0"))) return false;
        }
        return true;
    }

    private static Rules.Problem checkRegistry(String registry) {
        String host = registry;
        int colon = registry.lastIndexOf(':');
        if (colon >= 0) {
            String port = registry.substring(colon + 1);
            host = registry.substring(0, colon);
            if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
                return new Rules.Problem("the registry port '" + port + "' is not a port number", "e.g. registry.example.com:5000/app:1.0");
            }
        }
        if (host.matches("[0-9.]+") && !fullIpv4(host)) {
            // Docker and ECS take the registry host as written; 127.1 or 10.1.2 are no address to them.
            return new Rules.Problem("the registry '" + registry + "' is not a host name or a full IPv4 address (four numbers 0–255)",
                    "write the whole address, e.g. 127.0.0.1" + (colon >= 0 ? registry.substring(colon) : ":5000") + "/app:1.0");
        }
        for (String label : host.split("\\.", -1)) {
            if (!DOMAIN_COMPONENT.matcher(label).matches()) {
                return new Rules.Problem("the registry '" + registry + "' is not a valid host name",
                        "e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com or public.ecr.aws");
            }
        }
        return null;
    }
}
