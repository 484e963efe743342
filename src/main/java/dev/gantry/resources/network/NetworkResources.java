package dev.gantry.resources.network;

import dev.gantry.plan.Desired;
import dev.gantry.resources.ResourceType;
import dev.gantry.spec.Spec;

import java.util.List;

/** The network resources: their handlers, and how a spec expands into them. */
public final class NetworkResources {
    private NetworkResources() {}

    public static List<ResourceType> types() { return List.of(); }

    public static void expand(Spec spec, List<Desired> out) {}
}
