package dev.gantry.spec;

/**
 * The login ECS uses to pull a private image: a Secrets Manager secret holding
 * {@code {"username": …, "password": …}}, by name (gantry creates and owns it; its value is given
 * at apply, never in the spec) or by the ARN of one that exists (referenced only).
 */
public record RegistryCredentials(String secret) {
    /** How the value is named on the command line and in the environment: --secret REGISTRY_CREDENTIALS=@FILE. */
    public static final String VALUE_NAME = "REGISTRY_CREDENTIALS";

    public boolean managed() { return !secret.startsWith("arn:"); }
}
