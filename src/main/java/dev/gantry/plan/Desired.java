package dev.gantry.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One resource the spec asks for. {@code props} are what the planner compares with AWS; values are
 * strings, numbers, booleans, lists, maps or {@link Ref}s. A {@code data} resource is looked up,
 * never created (the default VPC, an existing certificate, a hosted zone).
 * {@code guarded}: replacing it disrupts users (VPC, load balancer), so apply refuses unless allowed.
 */
public record Desired(Address address, Piece piece, String description, Map<String, Object> props,
                      Set<Address> dependsOn, boolean data, boolean guarded) {

    public Desired {
        props = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(props));
        Set<Address> deps = new TreeSet<>(dependsOn);
        collectRefs(props, deps);
        deps.remove(address);
        dependsOn = java.util.Collections.unmodifiableSet(deps);
    }

    public static Desired managed(Address a, Piece p, String description, Map<String, Object> props, Set<Address> extraDeps) {
        return new Desired(a, p, description, props, extraDeps, false, false);
    }

    public static Desired data(Address a, Piece p, String description, Map<String, Object> props) {
        return new Desired(a, p, description, props, Set.of(), true, false);
    }

    public Desired guard() { return new Desired(address, piece, description, props, dependsOn, data, true); }

    /** Refs anywhere in the props (lists and maps included) are dependencies too. */
    @SuppressWarnings("unchecked")
    private static void collectRefs(Object value, Set<Address> out) {
        if (value instanceof Ref r) out.add(r.address());
        else if (value instanceof Map<?, ?> m) m.values().forEach(v -> collectRefs(v, out));
        else if (value instanceof Iterable<?> it) it.forEach(v -> collectRefs(v, out));
    }
}
