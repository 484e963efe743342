package dev.gantry.resources.network;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Ref;
import dev.gantry.resources.ResourceType;
import dev.gantry.spec.Network;
import dev.gantry.spec.Spec;
import dev.gantry.spec.VpcMode;

import java.util.ArrayList;
import java.util.List;

/** The network resources: their handlers, and how a spec expands into them. */
public final class NetworkResources {
    private NetworkResources() {}

    // Shared with the other groups (see docs/ARCHITECTURE.md). Minimal versions added by the edge
    // work so it compiles before the network work is merged; the network work owns them.
    public static final Address VPC = Address.of("vpc", "main");
    public static final Address LB_SG = Address.of("security-group", "load-balancer");
    public static final Address SERVICE_SG = Address.of("security-group", "service");

    public static List<ResourceType> types() { return List.of(); }

    public static void expand(Spec spec, List<Desired> out) {}

    /** The public subnets, one per AZ: where the load balancer's nodes live. */
    public static List<Ref> publicSubnetRefs(Spec spec) {
        Network n = spec.network();
        int count = n.vpc() == VpcMode.EXISTING ? n.publicSubnets().size() : azCount(n);
        return refs("public", count);
    }

    /** Where the tasks run: private subnets behind NAT when there are any, else the public ones. */
    public static List<Ref> serviceSubnetRefs(Spec spec) {
        Network n = spec.network();
        if (!n.tasksInPrivateSubnets()) return publicSubnetRefs(spec);
        int count = n.vpc() == VpcMode.EXISTING ? n.privateSubnets().size() : azCount(n);
        return refs("private", count);
    }

    /** Tasks in public subnets need a public IP to pull their image; behind NAT they must not have one. */
    public static boolean assignPublicIp(Spec spec) { return !spec.network().tasksInPrivateSubnets(); }

    private static int azCount(Network n) {
        return n.availabilityZones() == null ? 2 : n.availabilityZones();
    }

    private static List<Ref> refs(String kind, int count) {
        List<Ref> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(Ref.to(Address.of("subnet", kind + "-" + i), "id"));
        return out;
    }
}
