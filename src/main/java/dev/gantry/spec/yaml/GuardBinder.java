package dev.gantry.spec.yaml;

import dev.gantry.spec.Guard;
import dev.gantry.spec.Rules;

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
                Rules.Problem bad = Rules.guardEvery(text);
                if (bad != null) {
                    report.error(s.valueLine("every"), s.valueColumn("every"), s.field("every"), bad.message(), bad.fix());
                } else {
                    minutes = Guard.parseMinutes(text);
                }
            }
        }
        Guard.Repair repair = s.has("repair") ? s.enumeration("repair", Guard.Repair.class) : Guard.Repair.SAFE;
        return new Guard(minutes, repair == null ? Guard.Repair.SAFE : repair);
    }
}
