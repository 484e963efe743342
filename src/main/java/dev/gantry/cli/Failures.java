package dev.gantry.cli;

import dev.gantry.aws.AwsFailure;
import dev.gantry.engine.ApplyResult;

import java.io.PrintWriter;

/**
 * How a failure reaches the person, the same from every command: one line with gantry's prefix,
 * then the fix when there is one; and the exit code an AWS failure maps to.
 */
public final class Failures {
    private Failures() {}

    public static final String PREFIX = "gantry: ";

    public static void say(PrintWriter err, String message) {
        err.println(PREFIX + message);
    }

    /** Prints an AWS failure and its fix; returns 4 for missing permissions or credentials, else 1. */
    public static int aws(PrintWriter err, AwsFailure f) { return aws(err, f, java.util.function.UnaryOperator.identity()); }

    /** The same, with the gantry commands the message and the fix suggest completed by {@code words}. */
    public static int aws(PrintWriter err, AwsFailure f, java.util.function.UnaryOperator<String> words) {
        say(err, words.apply(f.getMessage()));
        if (f.fix() != null && !f.fix().isBlank()) err.println("  fix: " + words.apply(f.fix()));
        err.flush();
        return exitCode(f);
    }

    public static int exitCode(AwsFailure f) {
        return ApplyResult.Exit.failed(f.kind()).code();
    }
}
