package dev.gantry.spec.yaml;

import dev.gantry.spec.Guard;

import java.util.List;

/** The {@code guard} section: how often the reconciler in the account runs, and whether it repairs or only reports. */
final class GuardBinder {
    static final List<String> KEYS = List.of("every", "repair");

    private final Report report;

    GuardBinder(Report report) { this.report = report; }

    /** The guard, or null when the section is absent (or wrong; then an error was reported). */
    Guard bind(MapReader root) {
        MapReader s = root.section("guard", KEYS);
        if (s == null) return null;
        int minutes = Guard.DEFAULT_MINUTES;
        if (s.has("every")) {
            String text = s.string("every");
            if (text != null) {
                Integer parsed = Guard.parseMinutes(text);
                if (parsed == null) {
                    report.error(s.valueLine("every"), s.valueColumn("every"), s.field("every"),
                            "'" + text + "' is not a period: a whole number and m (minutes), h (hours) or d (days)",
                            "write e.g. every: 5m, every: 1h or every: 1d");
                } else if (parsed < Guard.MIN_MINUTES || parsed > Guard.MAX_MINUTES) {
                    report.error(s.valueLine("every"), s.valueColumn("every"), s.field("every"),
                            "every must be between " + Guard.MIN_MINUTES + "m and 1d, got " + text
                                    + (parsed < Guard.MIN_MINUTES ? " (each run reads the whole stack; it must end before the next starts)" : ""),
                            "use e.g. every: " + Guard.DEFAULT_MINUTES + "m (the default)");
                } else {
                    minutes = parsed;
                }
            }
        }
        Guard.Repair repair = s.has("repair") ? s.enumeration("repair", Guard.Repair.class) : Guard.Repair.SAFE;
        return new Guard(minutes, repair == null ? Guard.Repair.SAFE : repair);
    }
}
