package dev.gantry.ui;

import dev.gantry.spec.Diagnostic;

import java.io.PrintWriter;
import java.util.List;

/**
 * Prints diagnostics in the contract's form, {@code FILE:LINE:COLUMN: FIELD: message} and the fix on
 * the next line. Colors add nothing to the text and appear only where {@link TerminalFacts} allows colour.
 */
public final class DiagnosticPrinter {
    private static final String RESET = "\u001b[0m", BOLD = "\u001b[1m", RED = "\u001b[31m", YELLOW = "\u001b[33m", GREEN = "\u001b[32m";

    private final PrintWriter out;
    private final boolean color;

    public DiagnosticPrinter(PrintWriter out, boolean color) {
        this.out = out;
        this.color = color;
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
