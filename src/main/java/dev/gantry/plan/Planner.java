package dev.gantry.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares what the spec asks for with what AWS has, and says what to do. Pure: no AWS, no clock.
 * A property that refers to a resource being (re)created is "known after apply" and counts as a
 * difference, because that resource's id will change.
 */
public final class Planner {
    /** The reason of every create: nothing of the app's holds the address. */
    public static final String NEW = "does not exist yet";
    /** The reason of every deletion in a destroy. */
    public static final String DESTROYING = "destroy";

    /**
     * What each resource type knows of itself that the planner needs (its words and piece, for
     * resources known only from AWS, and its replacement rules); the engine answers from the catalog.
     */
    public interface TypeRules {
        /** The piece of the stack {@code type} belongs to. */
        Piece piece(String type);
        /** What a person calls {@code type}. */
        String noun(String type);
        Set<String> replaceOn(String type);
        /** Whether changing {@code field} from {@code have} to {@code want} needs a new resource. */
        default boolean forcesReplace(String type, String field, Object have, Object want) { return replaceOn(type).contains(field); }
        boolean canUpdate(String type);
        /** Props used only to create the resource, never compared with what exists. */
        default Set<String> createOnly(String type) { return Set.of(); }
        /** Props handed to the steps that AWS does not hold (a diagnosis's facts of the app): never compared. */
        default Set<String> inputs(String type) { return Set.of(); }
        default boolean updateChangesIdentity(String type) { return false; }
        default boolean createBeforeDestroy(String type) { return false; }
        default boolean createBeforeDestroy(String type, Set<String> replacing) { return createBeforeDestroy(type); }
        /** A type's own words for an update of {@code fields}, or null for "changed: FIELDS". */
        default String updateReason(String type, List<Change.FieldChange> fields) { return null; }
        /** What else creating or updating {@code desired} does, said after the reason, or null. */
        default String note(Desired desired, Action action, List<Change.FieldChange> fields) { return null; }
    }

    /**
     * Marks an observed resource that is not the app's yet but that the person asked gantry to take
     * over; its value says who owns it now. The plan shows the take-over as the field {@value #OWNER_FIELD}.
     */
    public static final String ADOPTING = "adopting";
    public static final String OWNER_FIELD = "owner";

    /**
     * The prop holding the tags gantry manages on a resource (the spec's {@code tags:} and
     * {@code gantry:env}): a difference is only ever written in place by tagging the resource.
     */
    public static final String TAGS_FIELD = "tags";

    /** The value of a property whose referenced resource does not exist yet. */
    public static final String KNOWN_AFTER_APPLY = "(known after apply)";

    private Planner() {}

    public static Plan plan(String app, List<Desired> desired, Map<Address, Observed> observed, TypeRules rules) {
        Map<Address, Desired> byAddress = new LinkedHashMap<>();
        for (Desired d : desired) byAddress.put(d.address(), d);
        Map<Address, Action> actions = new HashMap<>();
        List<Change> changes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        Set<String> newIdentityOnUpdate = new java.util.HashSet<>();
        for (Desired d : desired) if (rules.updateChangesIdentity(d.address().type())) newIdentityOnUpdate.add(d.address().type());
        // Taken over and nothing else changed: it is only tagged, so it keeps its identity (a task definition's ARN).
        Set<Address> tagOnly = new java.util.HashSet<>();
        for (Desired d : topological(byAddress)) {
            Observed o = observed.get(d.address());
            if (d.data()) {
                actions.put(d.address(), Action.READ);
                continue;
            }
            if (o == null) {
                actions.put(d.address(), Action.CREATE);
                changes.add(new Change(d.address(), Action.CREATE, d.piece(), d.description(), d, null,
                        List.of(), noted(NEW, rules.note(d, Action.CREATE, List.of())), d.dependsOn()));
                continue;
            }
            List<Change.FieldChange> fields = new ArrayList<>();
            boolean canUpdate = rules.canUpdate(d.address().type());
            Set<String> createOnly = rules.createOnly(d.address().type()), inputs = rules.inputs(d.address().type());
            for (Map.Entry<String, Object> p : d.props().entrySet()) {
                if (createOnly.contains(p.getKey()) || inputs.contains(p.getKey())) continue;
                Object want = resolve(p.getValue(), actions, observed, newIdentityOnUpdate, tagOnly);
                Object have = o.props().get(p.getKey());
                if (isRefList(p.getValue())) {
                    // A list of other resources (subnets, security groups) is a set: AWS returns it in its own order.
                    want = sorted(want);
                    have = sorted(have);
                }
                if (!same(want, have)) {
                    boolean replaces = !TAGS_FIELD.equals(p.getKey()) && (rules.forcesReplace(d.address().type(), p.getKey(), have, want) || !canUpdate);
                    fields.add(new Change.FieldChange(p.getKey(), have, want, replaces));
                }
            }
            boolean onlyTags = fields.stream().allMatch(f -> TAGS_FIELD.equals(f.field()));
            if (!fields.isEmpty() && onlyTags) tagOnly.add(d.address());
            // Taking over an existing resource (--adopt) is a change even when nothing else differs: it gets tagged.
            if (o.outputs().containsKey(ADOPTING)) {
                if (onlyTags) tagOnly.add(d.address());
                fields.add(0, new Change.FieldChange(OWNER_FIELD, o.output(ADOPTING), "gantry:app=" + app + " (as " + d.address() + ")", false));
            }
            Action action = fields.isEmpty() ? Action.NOOP
                    : fields.stream().anyMatch(Change.FieldChange::forcesReplace) ? Action.REPLACE : Action.UPDATE;
            actions.put(d.address(), action);
            String reason = switch (action) {
                case NOOP -> "up to date";
                case REPLACE -> "changing " + names(fields, true) + " requires a new one" + (d.guarded()
                        ? ": downtime until it is back (needs --allow-replace)"
                        : rules.createBeforeDestroy(d.address().type(), replacing(fields)) ? ", made before the old one is deleted so the service stays up"
                        : "; the old one is deleted first");
                default -> {
                    String own = onlyTags ? null : rules.updateReason(d.address().type(), fields);
                    yield own != null ? own : "changed: " + names(fields, false);
                }
            };
            // Tagging runs nothing else (no release command, no rollout): no type's note applies.
            boolean tagging = !fields.isEmpty() && fields.stream().allMatch(f -> TAGS_FIELD.equals(f.field()));
            if (action != Action.NOOP && !tagging) reason = noted(reason, rules.note(d, action, fields));
            changes.add(new Change(d.address(), action, d.piece(), d.description(), d, o, fields, reason, d.dependsOn()));
        }

        // Resources gantry made for this app that the spec no longer asks for.
        for (Observed o : new TreeMap<>(observed).values()) {
            if (byAddress.containsKey(o.address()) || isData(o)) continue;
            changes.add(deletion(o, "no longer in gantry.yaml", observed, Set.of(), rules));
        }
        return new Plan(app, changes, warnings);
    }

    private static String noted(String reason, String note) { return note == null ? reason : reason + "; " + note; }

    /** A plan that deletes everything gantry made for the app (destroy). */
    public static Plan destroy(String app, Map<Address, Observed> observed, Set<String> keepTypes, TypeRules rules) {
        return destroy(app, observed, keepTypes, List.of(), rules);
    }

    /**
     * Destroy, ordered by real dependencies: {@code graph} (the spec's desired graph) says what
     * gantry made to depend on what; the resources' own references cover the rest.
     */
    public static Plan destroy(String app, Map<Address, Observed> observed, Set<String> keepTypes, List<Desired> graph, TypeRules rules) {
        Map<Address, Set<Address>> known = new HashMap<>();
        for (Desired d : graph) known.put(d.address(), d.dependsOn());
        List<Change> changes = new ArrayList<>();
        for (Observed o : new TreeMap<>(observed).values()) {
            if (isData(o) || keepTypes.contains(o.address().type())) continue;
            changes.add(deletion(o, DESTROYING, observed, known.getOrDefault(o.address(), Set.of()), rules));
        }
        return new Plan(app, changes, List.of());
    }

    /** A deletion's {@code dependsOn} names what the resource uses: those are deleted only after it. */
    private static Change deletion(Observed o, String reason, Map<Address, Observed> observed, Set<Address> known, TypeRules rules) {
        String type = o.address().type();
        String description = o.outputs().getOrDefault("description", rules.noun(type) + " " + o.id());
        Set<Address> uses = new java.util.TreeSet<>(known);
        uses.addAll(references(o, observed));
        uses.remove(o.address());
        return new Change(o.address(), Action.DELETE, rules.piece(type), description, null, o, List.of(), reason, uses);
    }

    /**
     * The resources {@code o}'s own description points at: any other resource whose id or ARN
     * appears among its props (a subnet's vpcId, a listener's certificate ARN, a NAT gateway's
     * allocation id). Names are left out: they repeat across unrelated resources.
     */
    static Set<Address> references(Observed o, Map<Address, Observed> observed) {
        Map<String, Address> byId = new HashMap<>();
        for (Observed other : observed.values()) {
            if (other.address().equals(o.address())) continue;
            for (String key : List.of("id", "arn")) {
                String v = other.outputs().get(key);
                if (v != null && !v.isEmpty()) byId.put(v, other.address());
            }
            if (other.id() != null && !other.id().isEmpty()) byId.put(other.id(), other.address());
        }
        Set<Address> out = new java.util.TreeSet<>();
        collectStrings(o.props(), s -> { Address a = byId.get(s); if (a != null) out.add(a); });
        return out;
    }

    private static void collectStrings(Object value, java.util.function.Consumer<String> out) {
        if (value instanceof String s) out.accept(s);
        else if (value instanceof Map<?, ?> m) m.forEach((k, v) -> { collectStrings(k, out); collectStrings(v, out); });
        else if (value instanceof Iterable<?> it) it.forEach(v -> collectStrings(v, out));
    }

    /** Observed resources found by lookup rather than by tag are marked so they are never deleted. */
    /** The fields whose change forces a change's replacement. */
    public static Set<String> replacing(Change c) { return replacing(c.fields()); }

    private static Set<String> replacing(List<Change.FieldChange> fields) {
        Set<String> out = new java.util.TreeSet<>();
        for (Change.FieldChange f : fields) if (f.forcesReplace()) out.add(f.field());
        return out;
    }

    public static boolean isData(Observed o) { return "true".equals(o.outputs().get("data")); }

    private static String names(List<Change.FieldChange> fields, boolean replacingOnly) {
        return String.join(", ", fields.stream().filter(f -> !replacingOnly || f.forcesReplace()).map(Change.FieldChange::field).toList());
    }

    /** Replaces refs by the referenced resource's current output, or "known after apply". */
    static Object resolve(Object value, Map<Address, Action> actions, Map<Address, Observed> observed, Set<String> newIdentityOnUpdate,
                          Set<Address> tagOnly) {
        if (value instanceof Ref r) {
            Action a = actions.get(r.address());
            Observed o = observed.get(r.address());
            if (o == null || a == Action.CREATE || a == Action.REPLACE) return KNOWN_AFTER_APPLY;
            if (a == Action.UPDATE && newIdentityOnUpdate.contains(r.address().type()) && !tagOnly.contains(r.address())) return KNOWN_AFTER_APPLY;
            String v = o.outputs().get(r.attribute());
            return v == null ? KNOWN_AFTER_APPLY : v;
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, resolve(v, actions, observed, newIdentityOnUpdate, tagOnly)));
            return out;
        }
        if (value instanceof List<?> l) return l.stream().map(v -> resolve(v, actions, observed, newIdentityOnUpdate, tagOnly)).toList();
        return value;
    }

    private static boolean isRefList(Object v) {
        return v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof Ref);
    }

    private static Object sorted(Object v) {
        if (!(v instanceof List<?> l)) return v;
        return l.stream().map(String::valueOf).sorted().toList();
    }

    /** Equality that ignores number widths (Integer 30 equals Long 30) and map order. */
    public static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return x.longValue() == y.longValue() && x.doubleValue() == y.doubleValue();
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) return false;
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !same(e.getValue(), y.get(e.getKey()))) return false;
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) if (!same(x.get(i), y.get(i))) return false;
            return true;
        }
        if (a == null && b instanceof List<?> l) return l.isEmpty();
        if (b == null && a instanceof List<?> l) return l.isEmpty();
        if (a == null && b instanceof Map<?, ?> m) return m.isEmpty();
        if (b == null && a instanceof Map<?, ?> m) return m.isEmpty();
        return Objects.equals(a, b);
    }

    /** Dependencies first; a cycle is a bug in an expansion, so it fails loudly. */
    public static List<Desired> topological(Map<Address, Desired> byAddress) {
        List<Desired> out = new ArrayList<>();
        Map<Address, Integer> state = new HashMap<>();
        for (Desired d : byAddress.values()) visit(d, byAddress, state, out);
        return out;
    }

    private static void visit(Desired d, Map<Address, Desired> all, Map<Address, Integer> state, List<Desired> out) {
        Integer s = state.get(d.address());
        if (s != null && s == 2) return;
        if (s != null && s == 1) throw new IllegalStateException("dependency cycle at " + d.address());
        state.put(d.address(), 1);
        for (Address dep : d.dependsOn()) {
            Desired dd = all.get(dep);
            if (dd != null) visit(dd, all, state, out);
        }
        state.put(d.address(), 2);
        out.add(d);
    }
}
