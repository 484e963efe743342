package dev.gantry.ui;

import dev.gantry.plan.Action;
import dev.gantry.plan.Plan;

import java.util.Map;

/** The one-line count of a plan, worded the same in plan output, logs and JSON-adjacent text. */
public final class PlanSummary {
    private PlanSummary() {}

    public static final String NO_CHANGES = "No changes. Your infrastructure matches gantry.yaml.";

    public static String line(Plan plan) {
        if (!plan.hasChanges()) return NO_CHANGES;
        Map<Action, Long> c = plan.counts();
        return "Plan: " + c.getOrDefault(Action.CREATE, 0L) + " to add, "
                + c.getOrDefault(Action.UPDATE, 0L) + " to change, "
                + c.getOrDefault(Action.REPLACE, 0L) + " to replace, "
                + c.getOrDefault(Action.DELETE, 0L) + " to destroy.";
    }
}
