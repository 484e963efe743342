package dev.gantry.wizard;

/** How an answer is typed; every UI renders each kind the same way. */
public enum Kind {
    /** One of a closed set of {@link Choice}s. */
    CHOICE,
    /** Free text with a validator. */
    TEXT,
    /** Comma-separated values (subnets, CIDRs). */
    LIST,
    /** NAME=VALUE entries, one per line (environment, secrets). */
    PAIRS
}
