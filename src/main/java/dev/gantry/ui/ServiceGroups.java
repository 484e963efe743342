package dev.gantry.ui;

import dev.gantry.plan.Address;
import dev.gantry.plan.Change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A plan's changes by the service they belong to, for an app of several services (spec version
 * 2): a service's own resources are named after it ({@code service.api}, {@code role.api-execution},
 * {@code listener-rule.api-0}, {@code repository.api}, {@code image.api}, {@code secret.api-registry},
 * {@code alarm.api-cpu-high}, …; the service named like the app keeps version 1's {@code main},
 * {@code execution}, {@code task}, {@code cpu}, {@code registry}, {@code alarm.cpu-high}). What the
 * services share is left for the pieces.
 */
public final class ServiceGroups {
    private ServiceGroups() {}

    /** Per service (the one with version 1's addresses is "main"), then the shared changes under the key {@code ""}; empty for one service. */
    public static Map<String, List<Change>> of(List<Change> changes) {
        TreeSet<String> names = new TreeSet<>();
        for (Change c : changes) if (c.address().type().equals("service")) names.add(c.address().name());
        Map<String, List<Change>> out = new LinkedHashMap<>();
        if (names.size() < 2 && names.stream().allMatch("main"::equals)) return out;
        for (String n : names) out.put(n, new ArrayList<>());
        List<Change> shared = new ArrayList<>();
        for (Change c : changes) {
            String owner = ownerOf(c.address(), names);
            (owner == null ? shared : out.get(owner)).add(c);
        }
        out.put("", shared);
        return out;
    }

    private static String ownerOf(Address a, TreeSet<String> services) {
        String n = a.name();
        switch (a.type()) {
            case "log-group", "task-definition", "service", "target-group", "scaling-target", "repository", "image" -> {
                return services.contains(n) ? n : null;
            }
            case "secret" -> {
                if (n.equals("registry")) return services.contains("main") ? "main" : null;
                for (String s : services) if (n.equals(s + "-registry")) return s;
                return null;
            }
            case "role" -> {
                if (n.equals("execution") || n.equals("task")) return services.contains("main") ? "main" : null;
                for (String s : services) if (n.equals(s + "-execution") || n.equals(s + "-task")) return s;
                return null;
            }
            case "scaling-policy" -> {
                if (n.equals("cpu")) return services.contains("main") ? "main" : null;
                for (String s : services) if (n.equals(s + "-cpu")) return s;
                return null;
            }
            case "alarm" -> {
                // A service's own alarms (the load balancer's are the app's): alarm.KIND is version 1's service's.
                for (String kind : dev.gantry.resources.compute.Alarms.SERVICE_KINDS) {
                    if (n.equals(kind)) return services.contains("main") ? "main" : null;
                    for (String s : services) if (n.equals(s + "-" + kind)) return s;
                }
                return null;
            }
            case "listener-rule" -> {
                int dash = n.lastIndexOf('-');
                String s = dash > 0 ? n.substring(0, dash) : n;
                return services.contains(s) ? s : null;
            }
            default -> {
                return null;
            }
        }
    }
}
