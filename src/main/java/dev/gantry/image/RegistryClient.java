package dev.gantry.image;

/** Asks one kind of registry about an image. Implementations never throw for a registry's answer. */
@FunctionalInterface
public interface RegistryClient {
    /** {@code credentials}: a username and password for the registry, or null for anonymous access. */
    RegistryAnswer look(ImageName image, Credentials credentials);

    /** A registry login, as ECS reads it from a Secrets Manager secret. Never printed. */
    record Credentials(String username, char[] password) {
        @Override public String toString() { return "Credentials[" + username + ", ****]"; }
    }
}
