package dev.gantry.engine;

import dev.gantry.plan.Action;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Plan;
import dev.gantry.resources.Addresses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * ECS gives a task its secrets (and pulls with the registry login) only when the task starts, so a
 * new value written into a parameter reaches no running task: the plan restarts the service's
 * tasks too (a new deployment, watched like any other), as {@code gantry secrets set} does. Not
 * needed when the tasks are replaced anyway (a new task definition revision, a new service).
 */
final class SecretRollout {
    /** The service prop that makes its update start a new deployment ({@code forceNewDeployment}). */
    static final String REDEPLOY = "forceNewDeployment";
    /** The field the plan shows on the service. */
    static final String FIELD = "tasks";

    private SecretRollout() {}

    static Plan roll(Plan plan) {
        Set<Address> newValues = new TreeSet<>();
        for (Change c : plan.changes()) {
            if (c.action() == Action.UPDATE && c.fields().stream().anyMatch(SecretRollout::newValue)) newValues.add(c.address());
        }
        if (newValues.isEmpty()) return plan;
        Change service = find(plan, Addresses.SERVICE);
        Change task = find(plan, Addresses.TASK_DEFINITION);
        if (service == null || service.observed() == null || service.desired() == null) return plan;
        if (service.action() != Action.NOOP && service.action() != Action.UPDATE) return plan;
        if (task != null && task.action() != Action.NOOP) return plan;
        String names = String.join(", ", newValues.stream().map(Address::name).toList());
        Map<String, Object> props = new LinkedHashMap<>(service.desired().props());
        props.put(REDEPLOY, true);
        Desired d = service.desired();
        Set<Address> after = new TreeSet<>(service.dependsOn());
        after.addAll(newValues);
        Desired redeploying = new Desired(d.address(), d.piece(), d.description(), props, after, d.data(), d.guarded());
        List<Change.FieldChange> fields = new ArrayList<>(service.fields());
        fields.add(new Change.FieldChange(FIELD, "started with the old value of " + names, "a new deployment, so they read the new one", false));
        String why = "its tasks read secrets only when they start: a new deployment gives them the new value of " + names;
        Change rolled = new Change(service.address(), Action.UPDATE, service.piece(), service.description(), redeploying, service.observed(),
                fields, service.action() == Action.UPDATE ? service.reason() + "; " + why : why, after);
        List<Change> changes = new ArrayList<>(plan.changes().stream().map(c -> c == service ? rolled : c).toList());
        return new Plan(plan.app(), changes, plan.warnings(), plan.conflicts());
    }

    private static boolean newValue(Change.FieldChange f) {
        return "value".equals(f.field()) && "(changed)".equals(f.before());
    }

    private static Change find(Plan plan, Address a) {
        return plan.changes().stream().filter(c -> c.address().equals(a)).findFirst().orElse(null);
    }
}
