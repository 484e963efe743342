package dev.gantry.resources.catalog;

import dev.gantry.plan.Desired;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.compute.ComputeResources;
import dev.gantry.resources.edge.EdgeResources;
import dev.gantry.resources.network.NetworkResources;
import dev.gantry.spec.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every resource type gantry manages, and the expansion of a spec into the desired graph. It sits
 * in a package of its own above the three groups, so that the groups depend on {@code resources}
 * and nothing in {@code resources} depends on them.
 */
public final class Catalog {
    private final Map<String, ResourceType> byType = new LinkedHashMap<>();

    public Catalog(List<ResourceType> types) {
        for (ResourceType t : types) {
            if (byType.put(t.type(), t) != null) throw new IllegalStateException("two handlers for " + t.type());
        }
    }

    public static Catalog standard() {
        List<ResourceType> all = new ArrayList<>();
        all.addAll(NetworkResources.types());
        all.addAll(ComputeResources.types());
        all.addAll(EdgeResources.types());
        return new Catalog(all);
    }

    public ResourceType type(String type) {
        ResourceType t = byType.get(type);
        if (t == null) throw new IllegalArgumentException("no handler for resource type " + type);
        return t;
    }

    public List<ResourceType> types() { return List.copyOf(byType.values()); }

    /** The desired graph: one node per AWS resource the spec implies. Pure. */
    public static List<Desired> expand(Spec spec) {
        List<Desired> out = new ArrayList<>();
        NetworkResources.expand(spec, out);
        ComputeResources.expand(spec, out);
        EdgeResources.expand(spec, out);
        return spec.builds() ? afterTheBuilds(out) : out;
    }

    /**
     * Everything but the repositories waits for every image built: a build that fails (a
     * Dockerfile error, a push refused) then leaves AWS as it was, but for the repositories the plan
     * said it makes first. The images wait for each other in the plan's order, so one build runs at
     * a time: the builds share the machine (CPU, disk, the daemon), their lines reach the build
     * pane one build after the other, and a failed build stops the ones after it before they start.
     */
    private static List<Desired> afterTheBuilds(List<Desired> all) {
        List<dev.gantry.plan.Address> images = all.stream().map(Desired::address).filter(a -> a.type().equals("image")).toList();
        List<Desired> out = new ArrayList<>();
        for (Desired d : all) {
            boolean image = d.address().type().equals("image");
            if (d.data() || d.address().type().equals("repository") || image && images.indexOf(d.address()) == 0) {
                out.add(d);
                continue;
            }
            java.util.Set<dev.gantry.plan.Address> deps = new java.util.TreeSet<>(d.dependsOn());
            if (image) deps.add(images.get(images.indexOf(d.address()) - 1));
            else deps.addAll(images);
            out.add(new Desired(d.address(), d.piece(), d.description(), d.props(), deps, d.data(), d.guarded()));
        }
        return out;
    }
}
