package dev.gantry.resources.network;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Ref;
import dev.gantry.resources.ResourceType;
import dev.gantry.spec.Spec;
import dev.gantry.spec.VpcMode;

import java.util.ArrayList;
import java.util.List;

/** The network resources: their handlers, and how a spec expands into them. */
public final class NetworkResources {
    private NetworkResources() {}

    public static final Address VPC = Address.of("vpc", "main");
    public static final Address LB_SG = Address.of("security-group", "load-balancer");
    public static final Address SERVICE_SG = Address.of("security-group", "service");

    public static List<ResourceType> types() { return List.of(); }

    public static void expand(Spec spec, List<Desired> out) {}

    // ---- shared helpers (minimal form added by the compute work; the network work owns them) ----

    private static int publicCount(Spec spec) {
        return switch (spec.network().vpc()) {
            case NEW -> spec.network().availabilityZones() == null ? 2 : spec.network().availabilityZones();
            case DEFAULT -> 2;
            case EXISTING -> spec.network().publicSubnets().size();
        };
    }

    private static List<Ref> subnetRefs(String kind, int count) {
        List<Ref> refs = new ArrayList<>();
        for (int i = 0; i < count; i++) refs.add(Ref.to(Address.of("subnet", kind + "-" + i), "id"));
        return refs;
    }

    public static List<Ref> publicSubnetRefs(Spec spec) { return subnetRefs("public", publicCount(spec)); }

    /** Where tasks run: private subnets behind NAT when there are any, else the public ones. */
    public static List<Ref> serviceSubnetRefs(Spec spec) {
        if (!spec.network().tasksInPrivateSubnets()) return publicSubnetRefs(spec);
        int count = spec.network().vpc() == VpcMode.EXISTING ? spec.network().privateSubnets().size() : publicCount(spec);
        return subnetRefs("private", count);
    }

    /** Tasks in public subnets need a public IP to pull images; tasks behind NAT do not. */
    public static boolean assignPublicIp(Spec spec) { return !spec.network().tasksInPrivateSubnets(); }
}
