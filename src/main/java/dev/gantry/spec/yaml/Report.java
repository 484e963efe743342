package dev.gantry.spec.yaml;

import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the diagnostics of one file and remembers which fields were wrong, so a rule that
 * spans fields stays silent when one of its inputs already has an error (no cascades).
 */
final class Report {
    final String file;
    final List<Diagnostic> out;
    private final Set<String> bad;
    /** Put before every field: a version-2 service's sections are bound as version 1's, under {@code services.NAME.}. */
    private final String prefix;

    Report(String file, List<Diagnostic> out) {
        this(file, out, new HashSet<>(), "", new java.util.ArrayList<>());
    }

    private Report(String file, List<Diagnostic> out, Set<String> bad, String prefix, java.util.List<Region> regions) {
        this.file = file;
        this.out = out;
        this.bad = bad;
        this.prefix = prefix;
        this.regions = regions;
    }

    /** The same report, with every field it is given read under {@code prefix} (e.g. {@code services.web.}). */
    Report within(String prefix) { return new Report(file, out, bad, this.prefix + prefix, regions); }

    void error(int line, int column, String field, String message, String fix) {
        field = prefix + field;
        bad.add(field);
        out.add(Diagnostic.error(file, line, column, named(line, column, field), message, fix));
    }

    void error(int line, int column, String field, Rules.Problem p) {
        error(line, column, field, p.message(), p.fix());
    }

    void warning(int line, int column, String field, String message, String fix) {
        out.add(Diagnostic.warning(file, line, column, named(line, column, prefix + field), message, fix));
    }

    /**
     * A part of the file (from one position up to, not including, another) whose values an
     * environment's entry gives: a problem there is named by its path in the file
     * ({@code environments.staging.task.cpu}), since that is where the person fixes it.
     */
    record Region(int line, int column, int endLine, int endColumn, String prefix) {
        boolean holds(int l, int c) {
            return (l > line || l == line && c >= column) && (l < endLine || l == endLine && c < endColumn);
        }
    }

    private final java.util.List<Region> regions;

    void region(Region r) { regions.add(r); }

    private String named(int line, int column, String field) {
        if (field != null && field.startsWith("environments.")) return field;
        for (Region r : regions) {
            if (r.holds(line, column)) return field == null || field.isEmpty() ? r.prefix() : r.prefix() + "." + field;
        }
        return field;
    }

    /** Records a field as unusable without a new message (e.g. its section already failed). */
    void markBad(String field) { bad.add(prefix + field); }

    /** True when the field or any field inside it had an error. */
    boolean bad(String field) {
        field = prefix + field;
        if (bad.contains(field)) return true;
        for (String b : bad) if (b.startsWith(field + ".") || b.startsWith(field + "[")) return true;
        return false;
    }

    boolean hasErrors() { return out.stream().anyMatch(Diagnostic::isError); }
}
