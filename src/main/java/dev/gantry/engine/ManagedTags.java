package dev.gantry.engine;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Planner;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.catalog.Catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tags gantry manages on each resource (the spec's {@code tags:} and {@code gantry:env}) as a
 * compared prop of the plan, {@link Planner#TAGS_FIELD}. Refresh already read every resource's
 * tags to tell whose it is ({@code ResourceContext.sawTags}); this takes them from there, with no
 * read of its own. Only the managed keys are compared: a person's own tags are never looked at,
 * and a key the spec no longer lists is left on the resource as it is. Resources whose tags
 * refresh did not read, or that gantry cannot tag after the fact, carry no such prop and so never
 * plan a tag change.
 */
final class ManagedTags {
    private ManagedTags() {}

    /** {@code observed} with each tagged resource's managed tags as it has them now. */
    static Map<Address, Observed> observed(Map<Address, Observed> observed, Map<Address, Map<String, String>> seen,
                                           Map<String, String> managed, Catalog catalog) {
        Map<Address, Observed> out = new LinkedHashMap<>();
        observed.forEach((address, o) -> out.put(address, withTags(o, seen.get(address), managed, catalog)));
        return out;
    }

    private static Observed withTags(Observed o, Map<String, String> tags, Map<String, String> managed, Catalog catalog) {
        if (tags == null || Planner.isData(o) || o.props().containsKey(Planner.TAGS_FIELD)) return o;
        ResourceType type = catalog.types().stream().filter(t -> t.type().equals(o.address().type())).findFirst().orElse(null);
        if (type == null || !type.retags()) return o;
        Map<String, Object> have = new TreeMap<>();
        managed.keySet().forEach(k -> { if (tags.containsKey(k)) have.put(k, tags.get(k)); });
        Map<String, Object> props = new LinkedHashMap<>(o.props());
        props.put(Planner.TAGS_FIELD, have);
        return new Observed(o.address(), o.id(), props, o.outputs());
    }

    /** {@code desired} asking for the managed tags wherever the existing resource's were read. */
    static List<Desired> desired(List<Desired> desired, Map<Address, Observed> observed, Map<String, String> managed) {
        if (managed == null) managed = Map.of();
        List<Desired> out = new ArrayList<>(desired.size());
        for (Desired d : desired) {
            Observed o = observed.get(d.address());
            if (d.data() || o == null || !o.props().containsKey(Planner.TAGS_FIELD)) {
                out.add(d);
                continue;
            }
            Map<String, Object> props = new LinkedHashMap<>(d.props());
            props.put(Planner.TAGS_FIELD, new TreeMap<String, Object>(managed));
            // The handlers never see the prop: the executor's types ({@link AdoptingType}) take it off.
            out.add(new Desired(d.address(), d.piece(), d.description(), props, d.dependsOn(), d.data(), d.guarded()));
        }
        return out;
    }
}
