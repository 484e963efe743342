package dev.gantry.resources;

import java.util.Optional;

/**
 * Secret values for this run, keyed by the secret's name in task.secrets (PASSWORD). Sources and
 * their order are the spec's: --secret NAME=@FILE, GANTRY_SECRET_NAME, then a masked prompt.
 * Implementations keep values in memory only.
 */
@FunctionalInterface
public interface SecretValues {
    Optional<char[]> value(String secretName);

    static SecretValues none() { return name -> Optional.empty(); }
}
