package dev.gantry.cli;

import dev.gantry.engine.ApplyResult.Exit;

/**
 * How a command ended, as a row of the exit-code table (README, "Exit codes"). Commands return one
 * (or throw, see {@link Failures}); only {@code Main} turns it into the process's exit status. The
 * rows a run of the engine can end on are {@link Exit}'s and keep its numbers; 3 and 143 only a
 * command decides.
 */
public enum ExitCode {
    OK(Exit.OK.code()),
    FAILED(Exit.FAILED.code()),
    INVALID_INPUT(Exit.INVALID_INPUT.code()),
    /** plan and status with --detailed-exitcode: something to apply, or drift. */
    CHANGES_PENDING(3),
    NO_CREDENTIALS(Exit.NO_CREDENTIALS.code()),
    INTERRUPTED(Exit.INTERRUPTED.code()),
    /** Stopped by SIGTERM (128 + 15), after the same orderly stop as Ctrl-C. */
    TERMINATED(143);

    private final int code;

    ExitCode(int code) { this.code = code; }

    /** The process's exit status. */
    public int code() { return code; }

    /** The row the engine's ending kind is. */
    public static ExitCode of(Exit exit) { return valueOf(exit.name()); }
}
