package dev.gantry.spec;

/**
 * The login ECS uses to pull a private image: a Secrets Manager secret holding
 * {@code {"username": …, "password": …}}, by name (gantry creates and owns it; its value is given
 * at apply, never in the spec) or by the ARN of one that exists (referenced only).
 */
public record RegistryCredentials(String secret) {
    /** How the value is named on the command line and in the environment: --secret REGISTRY_CREDENTIALS=@FILE. */
    public static final String VALUE_NAME = "REGISTRY_CREDENTIALS";

    /**
     * The name a service's login value is given under: {@link #VALUE_NAME} for the service named
     * like the app (version 1's), {@code REGISTRY_CREDENTIALS_NAME} (upper case, '-' as '_') for another.
     */
    public static String valueName(String app, String service) {
        return service.equals(app) ? VALUE_NAME : VALUE_NAME + "_" + service.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /** Whether {@code name} is a registry login's value name ({@link #valueName}). */
    public static boolean isValueName(String name) { return name.equals(VALUE_NAME) || name.startsWith(VALUE_NAME + "_"); }

    public boolean managed() { return !secret.startsWith("arn:"); }
}
