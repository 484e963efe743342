package dev.gantry.engine;

import dev.gantry.plan.Address;
import dev.gantry.plan.Conflict;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Planner;
import dev.gantry.resources.Claim;
import dev.gantry.resources.ResourceContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one ownership rule, applied in one place before any plan is acted on: a name the spec wants
 * that something else holds is a {@link Conflict}, unless the person named it with {@code --adopt}
 * and it is not another gantry app's, in which case it joins what exists, marked for take-over.
 * Pure: the claims were read by the engine.
 */
final class Ownership {
    private Ownership() {}

    /** {@code observed} with the adopted resources added; {@code problems}: --adopt names that make no sense. */
    record Result(Map<Address, Observed> observed, List<Conflict> conflicts, List<String> problems, List<String> notes) {}

    /** What --adopt asked for: named addresses, or every adoptable conflict ({@code all}). */
    record Adopt(Set<String> addresses) {
        static final String ALL = "all";

        Adopt {
            addresses = addresses == null ? Set.of() : Set.copyOf(addresses);
        }

        static Adopt none() { return new Adopt(Set.of()); }

        boolean covers(Address a) { return addresses.contains(ALL) || addresses.contains(a.toString()); }
    }

    static Result judge(String app, List<Desired> desired, Map<Address, Observed> observed, Map<Address, Claim> claims, Adopt adopt) {
        Map<Address, Observed> out = new LinkedHashMap<>(observed);
        List<Conflict> conflicts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> known = new TreeSet<>();
        for (Desired d : desired) if (!d.data()) known.add(d.address().toString());
        for (String a : new TreeSet<>(adopt.addresses())) {
            if (!a.equals(Adopt.ALL) && !known.contains(a)) {
                problems.add("--adopt " + a + ": gantry.yaml asks for no such resource; it asks for " + String.join(", ", known));
            }
        }
        for (Desired d : desired) {
            if (d.data()) continue;
            Claim c = claims.get(d.address());
            if (observed.containsKey(d.address())) {
                // Renamed in the spec, and the new name is held by something else: taking that over
                // would leave the app's own behind, so it is only ever a conflict.
                if (c != null && !(app.equals(c.ownerApp()) && d.address().toString().equals(c.tags().get(ResourceContext.TAG_COMPONENT)))) {
                    String owner = c.ownerApp() != null && !c.ownerApp().equals(app) ? c.ownerApp() : null;
                    conflicts.add(new Conflict(d.address(), d.description(), c.what(), owner, c.rename(),
                            "the app's own " + d.address() + " exists under its old name; give it a name nothing else uses"));
                }
                continue;
            }
            if (c == null) {
                if (adopt.addresses().contains(d.address().toString())) {
                    notes.add("--adopt " + d.address() + ": nothing holds its name yet, so gantry creates it");
                }
                continue;
            }
            String owner = c.ownerApp();
            if (app.equals(owner) && d.address().toString().equals(c.tags().get(ResourceContext.TAG_COMPONENT))) {
                out.put(d.address(), c.existing()); // made meanwhile by a run of this app (a resumed one): simply the app's
                continue;
            }
            String otherApp = owner != null && !owner.equals(app) ? owner : null;
            String blocked = otherApp != null
                    ? "another gantry app's resources are never taken over; destroy app '" + dev.gantry.text.Untrusted.text(otherApp) + "' first if it is no longer wanted"
                    : c.cannotTakeOver();
            if (blocked == null && adopt.covers(d.address())) {
                Map<String, String> outputs = new LinkedHashMap<>(c.existing().outputs());
                outputs.put(Planner.ADOPTING, owner == null ? "nobody (no gantry tags)"
                        : "this app, but tagged as " + dev.gantry.text.Untrusted.text(c.tags().getOrDefault(ResourceContext.TAG_COMPONENT, "no component")));
                out.put(d.address(), new Observed(d.address(), c.existing().id(), c.existing().props(), outputs));
            } else {
                conflicts.add(new Conflict(d.address(), d.description(), c.what(), otherApp, c.rename(), blocked));
            }
        }
        return new Result(out, conflicts, problems, notes);
    }

    /** Desired props with refs resolved to what exists now; null where the referenced resource does not exist yet. */
    static Map<String, Object> known(Map<String, Object> props, Map<Address, Observed> observed) {
        Map<String, Object> out = new LinkedHashMap<>();
        props.forEach((k, v) -> out.put(k, resolve(v, observed)));
        return out;
    }

    private static Object resolve(Object v, Map<Address, Observed> observed) {
        if (v instanceof dev.gantry.plan.Ref r) {
            Observed o = observed.get(r.address());
            return o == null ? null : o.output(r.attribute());
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, resolve(x, observed)));
            return out;
        }
        if (v instanceof List<?> l) return l.stream().map(x -> resolve(x, observed)).toList();
        return v;
    }

    static boolean adopting(Observed o) { return o != null && o.outputs().containsKey(Planner.ADOPTING); }
}
