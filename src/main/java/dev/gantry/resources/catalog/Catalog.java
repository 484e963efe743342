package dev.gantry.resources.catalog;

import dev.gantry.plan.Desired;
import dev.gantry.resources.Addresses;
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
        return spec.task().builds() ? afterTheBuild(out) : out;
    }

    /**
     * Everything but the repository waits for the image: a build that fails (a Dockerfile error, a
     * push refused) then leaves AWS as it was, but for the repository the plan said it makes first.
     */
    private static List<Desired> afterTheBuild(List<Desired> all) {
        List<Desired> out = new ArrayList<>();
        for (Desired d : all) {
            if (d.data() || d.address().equals(Addresses.IMAGE) || d.address().equals(Addresses.REPOSITORY)) {
                out.add(d);
                continue;
            }
            java.util.Set<dev.gantry.plan.Address> deps = new java.util.TreeSet<>(d.dependsOn());
            deps.add(Addresses.IMAGE);
            out.add(new Desired(d.address(), d.piece(), d.description(), d.props(), deps, d.data(), d.guarded()));
        }
        return out;
    }
}
