package dev.gantry.spec;

/**
 * One problem with an input, pinned to where it is: {@code FILE:LINE:COLUMN: FIELD: message}, then
 * a fix. Line and column are 1-based; 0 means unknown (a missing file has no line).
 */
public record Diagnostic(String file, int line, int column, String field, String message, String fix, Severity severity) {

    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(String file, int line, int column, String field, String message, String fix) {
        return new Diagnostic(file, line, column, field, message, fix, Severity.ERROR);
    }

    public static Diagnostic warning(String file, int line, int column, String field, String message, String fix) {
        return new Diagnostic(file, line, column, field, message, fix, Severity.WARNING);
    }

    public boolean isError() { return severity == Severity.ERROR; }

    /** The two-line form every command prints. */
    public String render() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) sb.append(':').append(line).append(':').append(Math.max(column, 1));
        sb.append(": ");
        if (severity == Severity.WARNING) sb.append("warning: ");
        if (field != null && !field.isEmpty()) sb.append(field).append(": ");
        sb.append(message);
        if (fix != null && !fix.isEmpty()) sb.append("\n  fix: ").append(fix);
        return sb.toString();
    }
}
