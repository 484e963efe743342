package dev.gantry.engine;

import dev.gantry.plan.Action;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Service Connect gives a task the endpoints of its namespace when the task starts: "existing
 * tasks can't resolve and connect to the new endpoint" (ECS Developer Guide, Service Connect
 * components). So when the plan makes an endpoint (an internal service created, replaced, or made
 * internal), every other service of the namespace whose tasks keep running gets a new deployment
 * after it, and one redeploying anyway waits for it; a service being made waits for it through
 * the expansion's dependencies already.
 */
final class ServiceConnectRollout {
    /** The service prop (resources.compute.ServiceType.SERVICE_CONNECT): "client", or "NAME:PORT" for an endpoint. */
    static final String PROP = "serviceConnect";

    private ServiceConnectRollout() {}

    static Plan roll(Plan plan) {
        Set<Address> made = new TreeSet<>();
        List<String> urls = new ArrayList<>();
        for (Change c : plan.changes()) {
            if (!isService(c) || !(c.desired().props().get(PROP) instanceof String sc) || !sc.contains(":")) continue;
            boolean newEndpoint = c.action() == Action.CREATE || c.action() == Action.REPLACE
                    || c.action() == Action.UPDATE && c.fields().stream().anyMatch(f -> PROP.equals(f.field()));
            if (newEndpoint) {
                made.add(c.address());
                urls.add("http://" + sc);
            }
        }
        if (made.isEmpty()) return plan;
        Map<Change, Change> rolled = new LinkedHashMap<>();
        for (Change c : plan.changes()) {
            if (!isService(c) || made.contains(c.address()) || c.observed() == null || c.desired().props().get(PROP) == null) continue;
            if (c.action() != Action.NOOP && c.action() != Action.UPDATE) continue;
            Set<Address> after = new TreeSet<>(c.dependsOn());
            after.addAll(made);
            Map<String, Object> props = new LinkedHashMap<>(c.desired().props());
            List<Change.FieldChange> fields = new ArrayList<>(c.fields());
            String reason = c.reason();
            // An update that starts a new deployment anyway (a new task definition, Service Connect
            // itself) only has to wait; any other one, or none, starts one.
            boolean redeploys = c.fields().stream().anyMatch(f -> f.field().equals("taskDefinition") || f.field().equals(PROP));
            if (!redeploys) {
                props.put(SecretRollout.REDEPLOY, true);
                fields.add(new Change.FieldChange(SecretRollout.FIELD, "started before " + String.join(", ", urls) + " existed",
                        "a new deployment, so they resolve it", false));
                String why = "Service Connect resolves only the endpoints that existed when a task started: a new deployment reaches "
                        + String.join(", ", urls);
                reason = c.action() == Action.UPDATE ? c.reason() + "; " + why : why;
            }
            Desired d = c.desired();
            Desired waiting = new Desired(d.address(), d.piece(), d.description(), props, after, d.data(), d.guarded());
            rolled.put(c, new Change(c.address(), Action.UPDATE, c.piece(), c.description(), waiting, c.observed(), fields, reason, after));
        }
        // A new endpoint waits for the internal services written above it (so, made together, it can
        // call them); those already running need no waiting, and now wait for it: the wait is dropped.
        Set<Address> rolledAddresses = new TreeSet<>();
        rolled.keySet().forEach(c -> rolledAddresses.add(c.address()));
        for (Change c : plan.changes()) {
            if (!made.contains(c.address()) || c.dependsOn().stream().noneMatch(rolledAddresses::contains)) continue;
            Set<Address> deps = new TreeSet<>(c.dependsOn());
            deps.removeAll(rolledAddresses);
            Desired d = c.desired();
            Desired unblocked = new Desired(d.address(), d.piece(), d.description(), d.props(), deps, d.data(), d.guarded());
            rolled.put(c, new Change(c.address(), c.action(), c.piece(), c.description(), unblocked, c.observed(), c.fields(), c.reason(), deps));
        }
        List<Change> changes = plan.changes().stream().map(c -> rolled.getOrDefault(c, c)).toList();
        return new Plan(plan.app(), changes, plan.warnings(), plan.conflicts());
    }

    private static boolean isService(Change c) { return c.address().type().equals("service") && c.desired() != null; }
}
