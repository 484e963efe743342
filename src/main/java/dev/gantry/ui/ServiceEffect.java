package dev.gantry.ui;

import dev.gantry.plan.Action;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;

/**
 * What a change of a plan does to a service that is running: whether it keeps answering while the
 * change is made (README, "What each change does"; the edit matrix checks every row while it
 * serves). Nothing to say when no service runs yet (a first deploy) or the plan removes it all.
 */
public final class ServiceEffect {
    private ServiceEffect() {}

    /** Whether the app's service exists now and the plan keeps it. */
    public static boolean running(Plan plan) {
        return plan.changes().stream().anyMatch(c -> c.address().type().equals("service") && c.observed() != null
                && c.action() != Action.DELETE && c.action() != Action.CREATE);
    }

    /** The words for {@code c} ("keeps answering; …"), or null when there is nothing to say. */
    public static String of(Plan plan, Change c) {
        if (!running(plan) || !c.action().mutates()) return null;
        String type = c.address().type();
        if (c.action() == Action.REPLACE && c.desired() != null && c.desired().guarded()) {
            return "DOWN from when the old one is deleted until the new one serves";
        }
        if (c.action() == Action.DELETE) {
            boolean replaced = plan.changes().stream().anyMatch(o -> o != c && o.address().type().equals(type) && o.action() == Action.CREATE);
            switch (type) {
                case "load-balancer": return "stops taking traffic from the internet (it becomes a worker)";
                case "dns-record": if (!replaced) return "the name stops pointing at it once this record is deleted"; break;
                case "listener": if (c.address().name().equals("https") && !replaced) return "https:// stops answering (http:// keeps answering)"; break;
                default: break;
            }
            return "keeps answering: this goes only once nothing uses it";
        }
        if (c.action() == Action.UPDATE && c.fields().stream().allMatch(f -> dev.gantry.plan.Planner.TAGS_FIELD.equals(f.field()))) {
            return "keeps answering: only its tags change";
        }
        return switch (type) {
            case "service", "task-definition" -> "keeps answering: a rolling deployment, the old tasks serve until the new ones are healthy";
            case "security-group" -> c.action() == Action.UPDATE
                    ? "keeps answering: new rules are added first; rules no longer wanted go when the rest of the apply (the rollout too) has finished"
                    : "keeps answering";
            default -> "keeps answering";
        };
    }
}
