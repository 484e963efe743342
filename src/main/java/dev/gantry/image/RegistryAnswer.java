package dev.gantry.image;

import java.util.List;

/** What a registry said about one image. */
public sealed interface RegistryAnswer {
    /**
     * The manifest exists. {@code platforms} lists what a multi-platform index offers, or the one
     * platform of a single manifest; empty when the registry did not say.
     */
    record Found(String digest, List<Platform> platforms) implements RegistryAnswer {
        public Found { platforms = List.copyOf(platforms); }
    }

    /** The repository exists but not this tag or digest; {@code tags} are those it has, when listed. */
    record NoSuchTag(List<String> tags) implements RegistryAnswer {
        public NoSuchTag { tags = List.copyOf(tags); }
    }

    /** No such repository (some registries say "unauthorized" instead, to hide private ones). */
    record NoSuchRepository(String detail) implements RegistryAnswer {}

    /** The registry wants credentials gantry does not have (or refused the ones it gave). */
    record Unauthorized(String detail, boolean credentialsGiven) implements RegistryAnswer {}

    /** Could not ask: no route, a timeout, a TLS or server error. Not the image's fault. */
    record Unreachable(String why) implements RegistryAnswer {}

    /**
     * The registry sent gantry somewhere it does not go (a redirect or a token service on this
     * machine's network, an instance metadata address, …); {@code why} says where and why. Nothing
     * was checked.
     */
    record NotFollowed(String why) implements RegistryAnswer {}
}
