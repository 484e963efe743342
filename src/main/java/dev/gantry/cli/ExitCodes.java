package dev.gantry.cli;

import dev.gantry.engine.ApplyResult.Exit;

/**
 * The exit codes every command uses (spec v1, "Exit codes"). The rows a run of the engine can end
 * on are {@link Exit}'s; the ones only a command decides (3, 143) are here.
 */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = Exit.OK.code();
    public static final int FAILED = Exit.FAILED.code();
    public static final int INVALID_INPUT = Exit.INVALID_INPUT.code();
    public static final int CHANGES_PENDING = 3;
    public static final int NO_CREDENTIALS = Exit.NO_CREDENTIALS.code();
    public static final int INTERRUPTED = Exit.INTERRUPTED.code();
    /** Stopped by SIGTERM (128 + 15), after the same orderly stop as Ctrl-C. */
    public static final int TERMINATED = 143;
}
