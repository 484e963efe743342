package dev.gantry.cli.edge;

import dev.gantry.engine.ApplyResult.Exit;

import java.util.List;

/**
 * How a command ended, as a row of the exit-code table (README, "Exit codes"). Commands return one
 * (or throw, see {@link Failures}); only {@code Main} turns it into the process's exit status. The
 * rows a run of the engine can end on are {@link Exit}'s and keep its numbers; 3 and 143 only a
 * command decides. One command passes another program's status on: {@code gantry run} ends with
 * its container's exit code ({@link #ofContainer}).
 */
public final class ExitCode {
    public static final ExitCode OK = new ExitCode("OK", Exit.OK.code());
    public static final ExitCode FAILED = new ExitCode("FAILED", Exit.FAILED.code());
    public static final ExitCode INVALID_INPUT = new ExitCode("INVALID_INPUT", Exit.INVALID_INPUT.code());
    /** plan and status with --detailed-exitcode: something to apply, or drift. */
    public static final ExitCode CHANGES_PENDING = new ExitCode("CHANGES_PENDING", 3);
    public static final ExitCode NO_CREDENTIALS = new ExitCode("NO_CREDENTIALS", Exit.NO_CREDENTIALS.code());
    public static final ExitCode INTERRUPTED = new ExitCode("INTERRUPTED", Exit.INTERRUPTED.code());
    /** Stopped by SIGTERM (128 + 15), after the same orderly stop as Ctrl-C. */
    public static final ExitCode TERMINATED = new ExitCode("TERMINATED", 143);

    private static final List<ExitCode> ROWS = List.of(OK, FAILED, INVALID_INPUT, CHANGES_PENDING, NO_CREDENTIALS, INTERRUPTED, TERMINATED);

    private final String name;
    private final int code;

    private ExitCode(String name, int code) {
        this.name = name;
        this.code = code;
    }

    /** The process's exit status. */
    public int code() { return code; }

    public String name() { return name; }

    /** The table's own rows. */
    public static List<ExitCode> values() { return ROWS; }

    /** The row the engine's ending kind is. */
    public static ExitCode of(Exit exit) {
        return ROWS.stream().filter(r -> r.name.equals(exit.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no exit row for " + exit));
    }

    /** A container's exit code passed on as gantry's own (0 to 255, as a process status can carry). */
    public static ExitCode ofContainer(int exitCode) {
        int status = exitCode & 0xff;
        return new ExitCode("CONTAINER_EXIT_" + status, status);
    }

    @Override public boolean equals(Object o) { return o instanceof ExitCode e && e.code == code && e.name.equals(name); }
    @Override public int hashCode() { return name.hashCode() * 31 + code; }
    @Override public String toString() { return name; }
}
