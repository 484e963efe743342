package dev.gantry.resources.network;

import dev.gantry.plan.Address;
import static dev.gantry.resources.Addresses.*;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Ref;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceType;
import dev.gantry.spec.NatMode;
import dev.gantry.spec.Network;
import dev.gantry.spec.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The network resources: their handlers, and how a spec expands into them. */
public final class NetworkResources {

    private NetworkResources() {}

    public static List<ResourceType> types() {
        return List.of(new ZonesType(), new VpcType(), new SubnetType(), new InternetGatewayType(), new ElasticIpType(),
                new NatGatewayType(), new RouteTableType(), new SecurityGroupType());
    }

    /** The load balancer's subnets: one public subnet per zone. */
    public static List<Ref> publicSubnetRefs(Spec spec) {
        List<Ref> out = new ArrayList<>();
        for (int i = 0; i < publicCount(spec.network()); i++) out.add(Ref.to(publicSubnet(i), "id"));
        return out;
    }

    /**
     * Where tasks run: private subnets when they reach the internet through NAT, else the public
     * ones. (The service must also wait for those subnets' route tables: see the compute expansion.)
     */
    public static List<Ref> serviceSubnetRefs(Spec spec) {
        Network n = spec.network();
        if (!n.tasksInPrivateSubnets()) return publicSubnetRefs(spec);
        List<Ref> out = new ArrayList<>();
        for (int i = 0; i < privateCount(n); i++) out.add(Ref.to(privateSubnet(i), "id"));
        return out;
    }

    /** Tasks in public subnets need a public IP to pull their image; in private subnets NAT does that. */
    public static boolean assignPublicIp(Spec spec) { return !spec.network().tasksInPrivateSubnets(); }

    /**
     * The route tables that give the tasks' subnets their way out (to pull the image), which must
     * exist before the service starts tasks: none for a VPC gantry does not manage.
     */
    public static Set<Address> egressRoutes(Spec spec) {
        Network n = spec.network();
        if (n.vpc() != dev.gantry.spec.VpcMode.NEW) return Set.of();
        if (!n.tasksInPrivateSubnets()) return Set.of(PUBLIC_ROUTES);
        if (n.natGateways() == NatMode.PER_AZ) {
            Set<Address> out = new java.util.TreeSet<>();
            for (int i = 0; i < azs(n); i++) out.add(privateRoutes(i));
            return out;
        }
        return Set.of(SHARED_PRIVATE_ROUTES);
    }

    public static void expand(Spec spec, List<Desired> out) {
        Network n = spec.network();
        switch (n.vpc()) {
            case NEW -> expandNew(spec, out);
            case DEFAULT -> expandDefault(out);
            case EXISTING -> expandExisting(n, out);
        }
        expandSecurityGroups(spec, out);
    }

    private static int publicCount(Network n) {
        return switch (n.vpc()) {
            case NEW -> azs(n);
            case DEFAULT -> 2;
            case EXISTING -> n.publicSubnets().size();
        };
    }

    private static int privateCount(Network n) {
        return switch (n.vpc()) {
            case NEW -> n.natGateways() == NatMode.NONE ? 0 : azs(n);
            case DEFAULT -> 0;
            case EXISTING -> n.privateSubnets().size();
        };
    }

    private static int azs(Network n) { return n.availabilityZones() == null ? 2 : n.availabilityZones(); }

    // ---- vpc: new ----

    private static void expandNew(Spec spec, List<Desired> out) {
        Network n = spec.network();
        String cidr = n.cidr() == null ? Network.DEFAULT_CIDR : n.cidr();
        int azs = azs(n);
        NatMode nat = n.natGateways() == null ? NatMode.SINGLE : n.natGateways();
        Ref vpcId = Ref.to(VPC, "id");

        out.add(Desired.data(ZONES, Piece.NETWORK,
                "Availability zones: the separate data centres the app is spread over (" + azs + " of them)",
                Map.of("count", azs)));
        out.add(managed(VPC, "VPC: the app's own private network (" + cidr + ")",
                Props.pairs("cidr", cidr, "enableDnsSupport", true, "enableDnsHostnames", true)).guard());

        List<Ref> publicIds = new ArrayList<>();
        List<Ref> privateIds = new ArrayList<>();
        for (int i = 0; i < azs; i++) {
            Ref zone = Ref.to(ZONES, "az" + i);
            out.add(managed(publicSubnet(i), "Public subnet in zone " + (i + 1) + ": " + publicSubnetRole(spec, nat, i),
                    Props.pairs("vpcId", vpcId, "cidr", SubnetCidrs.publicCidr(cidr, i), "availabilityZone", zone, "mapPublicIpOnLaunch", true)));
            publicIds.add(Ref.to(publicSubnet(i), "id"));
            if (nat != NatMode.NONE) {
                out.add(managed(privateSubnet(i), "Private subnet in zone " + (i + 1) + ": the tasks run here, out of reach from the internet",
                        Props.pairs("vpcId", vpcId, "cidr", SubnetCidrs.privateCidr(cidr, i), "availabilityZone", zone, "mapPublicIpOnLaunch", false)));
                privateIds.add(Ref.to(privateSubnet(i), "id"));
            }
        }

        out.add(managed(IGW, "Internet gateway: connects the VPC to the internet", Props.pairs("vpcId", vpcId)));
        out.add(managed(PUBLIC_ROUTES, "Public route table: sends internet traffic from the public subnets through the internet gateway",
                Props.pairs("vpcId", vpcId, "routes", Map.of("0.0.0.0/0", Ref.to(IGW, "id")), "subnets", publicIds)));

        if (nat == NatMode.NONE) return;
        int nats = nat == NatMode.PER_AZ ? azs : 1;
        for (int i = 0; i < nats; i++) {
            Address eip = natIp(i);
            Address gw = natGateway(i);
            out.add(managed(eip, "Elastic IP: the fixed public address the " + (nats > 1 ? "zone " + (i + 1) + " " : "") + "NAT gateway sends from",
                    Props.pairs("domain", "vpc")));
            // AWS fails a NAT gateway whose VPC has no internet gateway yet: wait for it.
            out.add(Desired.managed(gw, Piece.NETWORK, "NAT gateway" + (nats > 1 ? " in zone " + (i + 1) : "")
                            + ": lets tasks in private subnets reach the internet (to pull images, call APIs) without being reachable from it",
                    Props.pairs("subnetId", Ref.to(publicSubnet(i), "id"), "allocationId", Ref.to(eip, "id")), Set.of(IGW)));
        }
        // A NAT gateway forwards only once its own (public) subnet routes to the internet gateway, so a
        // private route is usable only after the public route table: whatever waits for the private
        // route table (the service) then waits for the whole way out.
        Set<Address> afterPublic = Set.of(PUBLIC_ROUTES);
        if (nat == NatMode.SINGLE) {
            out.add(Desired.managed(SHARED_PRIVATE_ROUTES, Piece.NETWORK,
                    "Private route table: sends internet traffic from the private subnets through the NAT gateway",
                    Props.pairs("vpcId", vpcId, "routes", Map.of("0.0.0.0/0", Ref.to(natGateway(0), "id")),
                            "subnets", privateIds), afterPublic));
        } else {
            for (int i = 0; i < azs; i++) {
                out.add(Desired.managed(privateRoutes(i), Piece.NETWORK,
                        "Private route table for zone " + (i + 1) + ": sends its internet traffic through that zone's NAT gateway",
                        Props.pairs("vpcId", vpcId, "routes", Map.of("0.0.0.0/0", Ref.to(natGateway(i), "id")),
                                "subnets", List.of(privateIds.get(i))), afterPublic));
            }
        }
    }

    /** What a public subnet holds, in words: "holds the load balancer and the NAT gateway; reachable from the internet". */
    private static String publicSubnetRole(Spec spec, NatMode nat, int zone) {
        List<String> holds = new ArrayList<>();
        if (spec.hasLoadBalancer()) holds.add("the load balancer");
        if (nat == NatMode.NONE) holds.add("the tasks");
        if (nat == NatMode.PER_AZ || (nat == NatMode.SINGLE && zone == 0)) holds.add("the NAT gateway");
        if (holds.isEmpty()) return "reachable from the internet; nothing runs here yet";
        return "holds " + String.join(" and ", holds) + "; reachable from the internet";
    }

    // ---- vpc: default / existing ----

    private static void expandDefault(List<Desired> out) {
        out.add(Desired.data(VPC, Piece.NETWORK, "Default VPC: the network AWS created with your account", Map.of("default", true)));
        for (int i = 0; i < 2; i++) {
            out.add(Desired.data(publicSubnet(i), Piece.NETWORK,
                    "Default subnet of zone " + (i + 1) + ": public; the load balancer and tasks use it",
                    Props.pairs("defaultForAz", true, "index", i)));
        }
    }

    private static void expandExisting(Network n, List<Desired> out) {
        out.add(Desired.data(VPC, Piece.NETWORK, "Your VPC " + n.vpcId() + " (gantry only reads it)",
                Props.pairs("vpcId", n.vpcId(), "publicSubnets", n.publicSubnets(), "privateSubnets", n.privateSubnets())));
        for (int i = 0; i < n.publicSubnets().size(); i++) {
            out.add(Desired.data(publicSubnet(i), Piece.NETWORK, "Your public subnet " + n.publicSubnets().get(i),
                    Map.of("subnetId", n.publicSubnets().get(i))));
        }
        for (int i = 0; i < n.privateSubnets().size(); i++) {
            out.add(Desired.data(privateSubnet(i), Piece.NETWORK, "Your private subnet " + n.privateSubnets().get(i),
                    Map.of("subnetId", n.privateSubnets().get(i))));
        }
    }

    // ---- security groups ----

    private static void expandSecurityGroups(Spec spec, List<Desired> out) {
        Ref vpcId = Ref.to(VPC, "id");
        List<Map<String, Object>> serviceIngress = new ArrayList<>();
        if (spec.hasLoadBalancer()) {
            List<Map<String, Object>> lbIngress = new ArrayList<>();
            for (String cidr : spec.loadBalancer().allowedCidrs()) {
                lbIngress.add(SecurityGroupType.rule(80, "cidr", cidr));
                // HTTPS only exists with a certificate; without one, 443 would be an open port with nothing behind it.
                if (spec.hasCertificate()) lbIngress.add(SecurityGroupType.rule(443, "cidr", cidr));
            }
            lbIngress.sort(SecurityGroupType.RULE_ORDER);
            boolean https = spec.hasCertificate();
            out.add(Desired.managed(LB_SG, Piece.SECURITY,
                    "Load balancer firewall: lets visitors in on port 80" + (https ? " and 443" : "")
                            + " from " + String.join(", ", spec.loadBalancer().allowedCidrs()),
                    Props.pairs("vpcId", vpcId, "description", "gantry " + spec.app() + ": load balancer", "ingress", lbIngress), Set.of()));
            // Every public service's port, each once: the services share this group, and only the
            // load balancer may connect, so only what it forwards to (the public services) is reached.
            for (Integer port : publicPorts(spec)) {
                serviceIngress.add(SecurityGroupType.rule(port, "sourceGroup", Ref.to(LB_SG, "id")));
            }
            serviceIngress.sort(SecurityGroupType.RULE_ORDER);
        }
        // Service Connect: the app's tasks (all in this group) may open the internal services' ports,
        // and only those; each service has a port of its own (checked offline), so a rule reaches one service.
        List<dev.gantry.spec.AppService> internal = spec.services().values().stream().filter(dev.gantry.spec.AppService::internal).toList();
        for (dev.gantry.spec.AppService a : internal) serviceIngress.add(SecurityGroupType.rule(a.task().port(), "sourceGroup", SecurityGroupType.SELF));
        serviceIngress.sort(SecurityGroupType.RULE_ORDER);
        List<Integer> ports = publicPorts(spec);
        String calls = internal.isEmpty() ? "" : "the app's services (" + String.join(", ", spec.services().keySet()) + ") may call "
                + String.join(", ", internal.stream().map(a -> a.name() + " at http://" + a.name() + ":" + a.task().port()).toList()) + ", on "
                + (internal.size() == 1 ? "that port" : "those ports") + " only";
        out.add(Desired.managed(SERVICE_SG, Piece.SECURITY, spec.hasLoadBalancer()
                        ? "Service firewall: " + (calls.isEmpty() ? "only " : "") + "the load balancer may reach the tasks, on port" + (ports.size() == 1 ? " " : "s ")
                                + String.join(", ", ports.stream().map(String::valueOf).toList()) + (calls.isEmpty() ? "" : "; " + calls + "; nothing else")
                        : calls.isEmpty() ? "Service firewall: nothing may connect to the tasks; they can still reach out"
                        : "Service firewall: " + calls + "; nothing else may connect to the tasks",
                Props.pairs("vpcId", vpcId, "description", "gantry " + spec.app() + ": service tasks", "ingress", serviceIngress), Set.of()));
    }

    /** The ports the load balancer forwards to: each public service's, sorted, each once. */
    static List<Integer> publicPorts(Spec spec) {
        return spec.publicServices().stream().map(a -> a.task().port()).filter(java.util.Objects::nonNull).distinct().sorted().toList();
    }

    // ---- small builders ----

    private static Desired managed(Address a, String description, Map<String, Object> props) {
        return Desired.managed(a, Piece.NETWORK, description, props, Set.of());
    }
}
