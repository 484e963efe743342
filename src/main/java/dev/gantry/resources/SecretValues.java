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

    /**
     * The value for a parameter that does not exist yet. The same as {@link #value} except where a
     * stand-in is acceptable (a rehearsal on the simulated AWS): an existing parameter is never
     * overwritten with one.
     */
    default Optional<char[]> forNew(String secretName) { return value(secretName); }

    static SecretValues none() { return name -> Optional.empty(); }
}
