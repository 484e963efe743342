package dev.gantry.resources.edge;

import dev.gantry.plan.Desired;
import dev.gantry.resources.ResourceType;
import dev.gantry.spec.Spec;

import java.util.List;

/** The edge resources: their handlers, and how a spec expands into them. */
public final class EdgeResources {
    private EdgeResources() {}

    public static List<ResourceType> types() { return List.of(); }

    public static void expand(Spec spec, List<Desired> out) {}
}
