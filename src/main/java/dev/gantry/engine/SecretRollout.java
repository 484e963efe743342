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
 * needed when the tasks are replaced anyway (a new task definition revision, a new service). With
 * several services, each one whose task definition reads the parameter (a shared secret: all of them).
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
        // Each service whose task definition reads one of them (several services may share a secret).
        Map<Change, Change> rolled = new LinkedHashMap<>();
        for (Change service : plan.changes()) {
            if (!service.address().type().equals("service")) continue;
            Change task = find(plan, Address.of("task-definition", service.address().name()));
            if (service.observed() == null || service.desired() == null) continue;
            if (service.action() != Action.NOOP && service.action() != Action.UPDATE) continue;
            if (task != null && task.action() != Action.NOOP) continue;
            Set<Address> read = new TreeSet<>();
            if (task != null && task.desired() != null) refs(task.desired().props(), read);
            else if (service.address().equals(Addresses.SERVICE)) read.addAll(newValues);
            read.retainAll(newValues);
            if (read.isEmpty()) continue;
            rolled.put(service, rolled(service, read));
        }
        if (rolled.isEmpty()) return plan;
        List<Change> changes = new ArrayList<>(plan.changes().stream().map(c -> rolled.getOrDefault(c, c)).toList());
        return new Plan(plan.app(), changes, plan.warnings(), plan.conflicts());
    }

    private static Change rolled(Change service, Set<Address> newValues) {
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
        return new Change(service.address(), Action.UPDATE, service.piece(), service.description(), redeploying, service.observed(),
                fields, service.action() == Action.UPDATE ? service.reason() + "; " + why : why, after);
    }

    /** Every address a prop value refers to ({@code Ref}s in maps and lists). */
    private static void refs(Object value, Set<Address> out) {
        if (value instanceof dev.gantry.plan.Ref r) out.add(r.address());
        else if (value instanceof Map<?, ?> m) m.values().forEach(v -> refs(v, out));
        else if (value instanceof java.util.Collection<?> c) c.forEach(v -> refs(v, out));
    }

    private static boolean newValue(Change.FieldChange f) {
        return "value".equals(f.field()) && "(changed)".equals(f.before());
    }

    private static Change find(Plan plan, Address a) {
        return plan.changes().stream().filter(c -> c.address().equals(a)).findFirst().orElse(null);
    }
}
