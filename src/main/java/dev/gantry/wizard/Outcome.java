package dev.gantry.wizard;

/** How a wizard run ended; the caller acts on it (InitCommand runs or prints the apply command). */
public enum Outcome {
    /** The spec was written. */
    SAVED,
    /** The spec was written and the person asked to apply it now. */
    SAVED_APPLY,
    /** The person quit and an incomplete draft was written to resume later. */
    DRAFT_SAVED,
    /** The person quit without writing anything. */
    QUIT,
    /** Ctrl-C: nothing written; the command exits 130. */
    INTERRUPTED,
    /** The input ended before the wizard did (a closed pipe, Ctrl-D): nothing written; exit 1. */
    END_OF_INPUT
}
