package dev.gantry.engine;

import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
import dev.gantry.resources.Addresses;
import dev.gantry.spec.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code apply --service NAME}: of a plan, only the changes of that service's own resources (its
 * log group, roles, task definition, ECS service, scaling, target group, listener rules and alarms,
 * the image it runs with its repository, and its registry login). What
 * the other services and the shared pieces would change is left as it is, and the plan says so; a
 * change of the service's that needs a left-out change first (a new certificate, a security group
 * opening its new port) is left out too, with the reason, so nothing half-made is applied.
 */
public final class ServiceScope {
    private ServiceScope() {}

    /** Whether a plan's warning is one of {@link #narrowed}'s (what was left out, and why). */
    public static boolean says(String warning) { return warning.startsWith("--service "); }

    /** Whether {@code a} is one of the service's own resources. */
    public static boolean owns(Spec spec, String service, Address a) {
        Addresses.ServiceAddresses at = Addresses.ServiceAddresses.of(spec.app(), service);
        if (Set.of(at.logGroup(), at.executionRole(), at.taskRole(), at.taskDefinition(), at.ecsService(), at.targetGroup(),
                at.scalingTarget(), at.scalingPolicy()).contains(a)) return true;
        // The image it runs (built by another service of the same build, or its own) and that image's repository.
        String builder = spec.imageBuiltBy(service);
        if (builder != null) {
            Addresses.ServiceAddresses by = Addresses.ServiceAddresses.of(spec.app(), builder);
            if (a.equals(by.repository()) || a.equals(by.image())) return true;
        }
        // Its registry login when the secret is its own (one it shares with a service above it is that one's).
        if (service.equals(spec.registryLoginOf(service)) && a.equals(at.registrySecret())) return true;
        if (dev.gantry.resources.compute.Alarms.SERVICE_KINDS.stream().anyMatch(k -> at.alarm(k).equals(a))) return true;
        return a.type().equals("listener-rule") && a.name().startsWith(service + "-") && a.name().substring(service.length() + 1).matches("\\d+");
    }

    /** The plan narrowed to {@code service}'s own changes, with what was left out (and why) among its warnings. */
    public static Plan narrowed(Plan plan, Spec spec, String service) {
        Map<Address, Change> mutating = new LinkedHashMap<>();
        for (Change c : plan.mutating()) mutating.put(c.address(), c);
        Set<Address> left = new LinkedHashSet<>();
        for (Address a : mutating.keySet()) if (!owns(spec, service, a)) left.add(a);
        // What needs a left-out change first is left out with it, until nothing more moves.
        Map<Address, Address> waitsFor = new LinkedHashMap<>();
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Change c : mutating.values()) {
                if (left.contains(c.address())) continue;
                for (Address d : c.dependsOn()) {
                    // Every change waits for every build (so a failed build changes nothing); another
                    // service's image left out is not built now, and is nothing this one needs.
                    if (left.contains(d) && !d.type().equals("image")) {
                        left.add(c.address());
                        waitsFor.put(c.address(), d);
                        moved = true;
                        break;
                    }
                }
            }
        }
        List<Change> kept = plan.changes().stream().filter(c -> !c.action().mutates() || !left.contains(c.address())).toList();
        List<String> warnings = new ArrayList<>(plan.warnings());
        List<String> others = spec.services().keySet().stream().filter(n -> !n.equals(service)).toList();
        String othersText = (others.isEmpty() ? "" : "the other services (" + String.join(", ", others) + ") and ") + "the shared pieces";
        List<Address> notWaiting = left.stream().filter(a -> !waitsFor.containsKey(a)).toList();
        if (left.isEmpty()) {
            warnings.add("--service " + service + ": only " + service + "'s own resources are applied; " + othersText
                    + " are left as they are (the plan has no change for them now)");
        } else {
            warnings.add("--service " + service + ": only " + service + "'s own resources are applied; " + othersText
                    + " are left as they are. Not applied now: " + String.join(", ", notWaiting.stream()
                    .map(a -> a + " " + mutating.get(a).action().name().toLowerCase(java.util.Locale.ROOT)).toList())
                    + " ('gantry apply' without --service applies them)");
        }
        for (Map.Entry<Address, Address> w : waitsFor.entrySet()) {
            warnings.add("--service " + service + ": " + w.getKey() + " is not applied either: it needs " + w.getValue()
                    + " first, which is not " + service + "'s own ('gantry apply' without --service applies both)");
        }
        return new Plan(plan.app(), kept, warnings, plan.conflicts());
    }
}
