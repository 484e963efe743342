package dev.gantry.image;

import dev.gantry.spec.ImageRef;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference split the way a registry client splits it: Docker Hub is implied for names
 * without a registry host (and {@code library/} for one-part names), {@code latest} for a missing
 * tag. The reference must already be valid ({@link dev.gantry.spec.ImageRef#check}).
 */
public record ImageName(String registry, String repository, String tag, String digest) {
    private static final Pattern ECR = Pattern.compile("^(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?$");

    public static final String DOCKER_HUB = "docker.io";

    public static ImageName parse(String ref) {
        String rest = ref;
        String registry = DOCKER_HUB;
        int slash = ref.indexOf('/');
        if (slash > 0) {
            String first = ref.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = ref.substring(slash + 1);
            }
        }
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (tag == null && digest == null) tag = "latest";
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) rest = "library/" + rest;
        return new ImageName(registry, rest, tag, digest);
    }

    /** What the manifest is asked for by: the digest when pinned, else the tag. */
    public String reference() { return digest != null ? digest : tag; }

    /** The host that answers the registry API (Docker Hub's API lives on its own host). */
    public String apiHost() { return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry; }

    /** A registry on this machine is spoken to over plain HTTP, as Docker does for local registries. */
    public boolean local() {
        String host = registry.contains(":") ? registry.substring(0, registry.lastIndexOf(':')) : registry;
        return host.equals("localhost") || host.equals("127.0.0.1");
    }

    public boolean ecr() { return ECR.matcher(registry).matches(); }

    /** The account of a private ECR registry, or null. */
    public String ecrAccount() { Matcher m = ECR.matcher(registry); return m.matches() ? m.group(1) : null; }

    /** The region of a private ECR registry, or null. */
    public String ecrRegion() { Matcher m = ECR.matcher(registry); return m.matches() ? m.group(2) : null; }

    /** As written, for messages: registry/repository:tag (Docker Hub's implied parts included). */
    public String display() {
        return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    /** {@code ref} pinned to {@code digest} (see {@link ImageRef#pinned}). */
    public static String pinned(String ref, String digest) { return ImageRef.pinned(ref, digest); }

    /** {@code ref} without its digest. */
    public static String unpinned(String ref) { return ImageRef.unpinned(ref); }
}
