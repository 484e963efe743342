package dev.gantry.resources;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The desired resources a refresh looks for: the plan's side of the contract, never the spec. A
 * refresh reads here what it needs to know where to look (the cluster the service is in, the DNS
 * record's zone, the alert emails whose pending subscriptions count); steps get their desired
 * resource's props instead. Empty outside a refresh.
 */
public final class Wanted {
    private static final Wanted NONE = new Wanted(List.of());
    private final Map<Address, Desired> byAddress = new LinkedHashMap<>();

    private Wanted(List<Desired> desired) {
        for (Desired d : desired) byAddress.put(d.address(), d);
    }

    public static Wanted of(List<Desired> desired) { return desired.isEmpty() ? NONE : new Wanted(desired); }

    public static Wanted none() { return NONE; }

    public Optional<Desired> get(Address a) { return Optional.ofNullable(byAddress.get(a)); }

    /** The desired resources of {@code type} (managed and data alike), in the plan's order. */
    public List<Desired> ofType(String type) {
        return byAddress.values().stream().filter(d -> d.address().type().equals(type)).toList();
    }

    public boolean has(Address a) { return byAddress.containsKey(a); }

    /** The desired value of {@code prop} of {@code a}, or null when neither is wanted. */
    public Object prop(Address a, String prop) {
        Desired d = byAddress.get(a);
        return d == null ? null : d.props().get(prop);
    }

    /** The same as a string, or null. */
    public String str(Address a, String prop) {
        Object v = prop(a, prop);
        return v instanceof String s ? s : null;
    }
}
