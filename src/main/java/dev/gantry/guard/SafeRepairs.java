package dev.gantry.guard;

import dev.gantry.plan.Action;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the guard may do without a person: create again what was deleted and put back in place what
 * was changed. Never a replacement or a delete, never a name someone else holds (a conflict), never
 * a secret's value (a parameter deleted by hand cannot get it back), never a build, never a
 * service's rollout forced again; and nothing that waits for any of those. Everything else is
 * reported: a line and a notification, for a person to decide.
 */
public final class SafeRepairs {
    private SafeRepairs() {}

    /** The guard's own resources: apply keeps them; the guard never changes what runs it. */
    static final Set<String> OWN_TYPES = Set.of("guard-spec", "guard-role", "guard-function", "guard-schedule");

    static boolean own(Address a) {
        return OWN_TYPES.contains(a.type()) || a.toString().equals("log-group.guard");
    }

    /** For each change of the plan but the guard's own: null when safe, else why a person must do it. */
    public static Map<Address, String> judge(Plan plan) {
        Map<Address, String> out = new LinkedHashMap<>();
        Map<Address, Change> byAddress = new HashMap<>();
        for (Change c : plan.mutating()) {
            if (own(c.address())) continue;
            byAddress.put(c.address(), c);
            out.put(c.address(), why(c));
        }
        for (var k : plan.conflicts()) out.put(k.address(), "its name is taken by something that is not the app's: " + k.explain());
        // What needs something a person must do first waits for that person too.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Change c : byAddress.values()) {
                if (out.get(c.address()) != null) continue;
                for (Address d : c.dependsOn()) {
                    if (out.get(d) != null && !own(d)) {
                        out.put(c.address(), "it needs " + d + ", which the guard does not repair");
                        changed = true;
                        break;
                    }
                }
                if (out.get(c.address()) != null) continue;
                // Some references are plain names, not graph edges (an alarm's dimensions name the cluster):
                // a change that would point at the new name of something held back waits for it too.
                for (Change other : byAddress.values()) {
                    String name = other.desired() == null ? null : other.desired().props().get("name") instanceof String n ? n : null;
                    if (out.get(other.address()) == null || name == null || name.length() < 3) continue;
                    if (c.fields().stream().anyMatch(f -> String.valueOf(f.after()).contains(name))) {
                        out.put(c.address(), "it refers to " + name + " (" + other.address() + "), which the guard does not repair");
                        changed = true;
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The plan with only the safe changes (what an apply by the guard carries out). */
    public static Plan safeOnly(Plan plan) {
        Map<Address, String> verdicts = judge(plan);
        List<Change> kept = plan.changes().stream()
                .filter(c -> !c.action().mutates() || verdicts.containsKey(c.address()) && verdicts.get(c.address()) == null).toList();
        return new Plan(plan.app(), kept, plan.warnings(), List.of());
    }

    private static String why(Change c) {
        if (c.action() == Action.DELETE) return "it would be deleted (" + c.reason() + "); the guard never deletes";
        if (c.action() == Action.REPLACE) {
            String fields = String.join(", ", c.fields().stream().filter(Change.FieldChange::forcesReplace).map(Change.FieldChange::field).toList());
            return "it needs replacing" + (fields.isEmpty() ? "" : " (" + fields + ")") + "; the guard never replaces";
        }
        String type = c.address().type();
        if (c.action() == Action.CREATE && (type.equals("parameter") || type.equals("secret"))) {
            return "it was deleted, and its secret value cannot be put back by the guard: run 'gantry apply', which makes it again"
                    + " and asks for the value of " + c.address().name();
        }
        if (type.equals("image") || type.equals("repository") && c.action() == Action.CREATE) return "it needs an image built, which the guard cannot do";
        if (c.action() == Action.UPDATE && !c.fields().isEmpty() && c.fields().stream().allMatch(f -> f.field().equals("rollout"))) {
            return "its rollout has not completed (" + c.fields().get(0).before() + "); forcing it again is a person's call";
        }
        return null;
    }
}
