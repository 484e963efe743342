package dev.gantry.resources.compute;

import dev.gantry.plan.Desired;
import dev.gantry.resources.ResourceType;
import dev.gantry.spec.Spec;

import java.util.List;

/** The compute resources: their handlers, and how a spec expands into them. */
public final class ComputeResources {
    private ComputeResources() {}

    public static List<ResourceType> types() { return List.of(); }

    public static void expand(Spec spec, List<Desired> out) {}
}
