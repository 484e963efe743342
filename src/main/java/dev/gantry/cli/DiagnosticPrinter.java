package dev.gantry.cli;

import dev.gantry.spec.Diagnostic;

import java.io.Console;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Prints diagnostics in the contract's form, {@code FILE:LINE:COLUMN: FIELD: message} and the fix on
 * the next line. Colors add nothing to the text and appear only on a terminal without --no-color or NO_COLOR.
 */
public final class DiagnosticPrinter {
    private static final String RESET = "\u001b[0m", BOLD = "\u001b[1m", RED = "\u001b[31m", YELLOW = "\u001b[33m", GREEN = "\u001b[32m";

    private final PrintWriter out;
    private final boolean color;

    public DiagnosticPrinter(PrintWriter out, boolean color) {
        this.out = out;
        this.color = color;
    }

    /** Color when stdout/stderr is a terminal and neither --no-color nor NO_COLOR (any value, per no-color.org) says otherwise. */
    public static boolean useColor(boolean noColorFlag, Map<String, String> env, boolean terminal) {
        return terminal && !noColorFlag && !env.containsKey("NO_COLOR");
    }

    /** Whether this process talks to a terminal. */
    public static boolean onTerminal() {
        Console c = System.console();
        if (c == null) return false;
        try { // Java 22+ returns a console even when redirected; isTerminal() tells the truth there.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    public static DiagnosticPrinter forOptions(PrintWriter out, GlobalOptions options) {
        return new DiagnosticPrinter(out, useColor(options != null && options.noColor(), System.getenv(), onTerminal()));
    }

    public void print(Diagnostic d) {
        if (!color) {
            out.println(d.render());
        } else {
            StringBuilder sb = new StringBuilder(BOLD).append(d.isError() ? RED : YELLOW).append(d.file());
            if (d.line() > 0) sb.append(':').append(d.line()).append(':').append(Math.max(d.column(), 1));
            sb.append(':').append(RESET).append(' ');
            if (!d.isError()) sb.append(YELLOW).append("warning: ").append(RESET);
            if (d.field() != null && !d.field().isEmpty()) sb.append(BOLD).append(d.field()).append(RESET).append(": ");
            sb.append(d.message());
            if (d.fix() != null && !d.fix().isEmpty()) sb.append("\n  ").append(GREEN).append("fix:").append(RESET).append(' ').append(d.fix());
            out.println(sb);
        }
        out.flush();
    }

    public void printAll(List<Diagnostic> diagnostics) { diagnostics.forEach(this::print); }
}
