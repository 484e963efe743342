package dev.gantry.engine;

import dev.gantry.plan.Action;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Plan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A guarded replacement (the VPC, the load balancer) that the person allowed: the old one can only
 * go once everything built on it is gone, and the new one must exist before any of that can be
 * made again. So the run is split in two: delete the replaced resource and everything that depends
 * on it, then apply the plan again, which creates them.
 */
final class Teardown {
    private Teardown() {}

    /**
     * The existing resources to delete first: each guarded replacement, every other replacement of
     * the run (in a new network they are all network-bound: security groups, the target group, whose
     * old ones are still in use or hold the name), and everything that depends on those, directly or not.
     */
    static Map<Address, Observed> of(Plan plan, Map<Address, Observed> observed) {
        if (guardedReplacements(plan).isEmpty()) return Map.of();
        Map<Address, Set<Address>> users = new HashMap<>();
        for (Change c : plan.changes()) {
            for (Address used : c.dependsOn()) users.computeIfAbsent(used, k -> new HashSet<>()).add(c.address());
        }
        Deque<Address> todo = new ArrayDeque<>(plan.changes().stream().filter(c -> c.action() == Action.REPLACE).map(Change::address).toList());
        Set<Address> seen = new HashSet<>(todo);
        while (!todo.isEmpty()) {
            for (Address u : users.getOrDefault(todo.pop(), Set.of())) if (seen.add(u)) todo.add(u);
        }
        Map<Address, Observed> out = new TreeMap<>();
        for (Address a : seen) {
            Observed o = observed.get(a);
            if (o != null && !dev.gantry.plan.Planner.isData(o)) out.put(a, o);
        }
        return out;
    }

    static String guarded(Plan plan) {
        return String.join(" and ", guardedReplacements(plan).stream().map(Address::toString).toList());
    }

    private static List<Address> guardedReplacements(Plan plan) {
        return plan.changes().stream().filter(c -> c.action() == Action.REPLACE && c.desired() != null && c.desired().guarded())
                .map(Change::address).sorted().toList();
    }
}
