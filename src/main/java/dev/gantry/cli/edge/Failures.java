package dev.gantry.cli.edge;

import dev.gantry.aws.AwsFailure;
import dev.gantry.spec.SpecException;
import dev.gantry.ui.DiagnosticPrinter;

import java.io.PrintWriter;

/**
 * How a failure reaches the person, the same from every command: {@code Main} hands every exception
 * a command throws to {@link #print}. One line with gantry's prefix (a spec's problems in the
 * spec's own {@code FILE:LINE:COLUMN} form), then the fix when there is one; never a stack trace
 * (unless {@code -Dgantry.debug=true}).
 */
public final class Failures {
    private Failures() {}

    /** Who speaks on a failure line, unless a command names itself or a file. */
    public static final String SUBJECT = "gantry";
    private static final String PREFIX = SUBJECT + ": ";

    public static void say(PrintWriter err, String message) {
        err.println(PREFIX + message);
    }

    /** Prints what ended a command. */
    public static void print(PrintWriter err, Throwable ex) {
        if (ex instanceof SpecException se) {
            new DiagnosticPrinter(err, false).printAll(se.diagnostics());
        } else if (ex instanceof CommandFailure cf) {
            for (CommandFailure.Line l : cf.lines()) line(err, l.subject(), l.message(), l.fix());
        } else if (ex instanceof AwsFailure af) {
            line(err, SUBJECT, af.getMessage(), af.fix());
        } else if (ex instanceof InterruptedException) {
            say(err, "interrupted");
        } else {
            if (Boolean.getBoolean("gantry.debug")) ex.printStackTrace(err);
            String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
            say(err, message.lines().findFirst().orElse(message));
        }
        err.flush();
    }

    private static void line(PrintWriter err, String subject, String message, String fix) {
        err.println(subject + ": " + message);
        if (fix != null && !fix.isBlank()) err.println("  fix: " + fix);
    }
}
