package dev.gantry.spec;

/**
 * Where a secret lives: an SSM parameter name that gantry manages as a SecureString, or the ARN of
 * an existing parameter that gantry only references. Never holds the value.
 */
public record SecretRef(String parameter) {
    public boolean managed() { return !parameter.startsWith("arn:"); }
}
