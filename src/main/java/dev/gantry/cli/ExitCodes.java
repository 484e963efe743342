package dev.gantry.cli;

/** The exit codes every command uses (spec v1, "Exit codes"). */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID_INPUT = 2;
    public static final int CHANGES_PENDING = 3;
    public static final int NO_CREDENTIALS = 4;
    public static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM (128 + 15), after the same orderly stop as Ctrl-C. */
    public static final int TERMINATED = 143;
}
