package dev.gantry.spec;

import java.util.List;

/** Where the service runs. Fields that do not apply to the chosen {@link VpcMode} are null. */
public record Network(
        VpcMode vpc,
        String cidr,
        Integer availabilityZones,
        NatMode natGateways,
        String vpcId,
        List<String> publicSubnets,
        List<String> privateSubnets) {

    public static final String DEFAULT_CIDR = "10.0.0.0/16";

    public Network {
        publicSubnets = publicSubnets == null ? List.of() : List.copyOf(publicSubnets);
        privateSubnets = privateSubnets == null ? List.of() : List.copyOf(privateSubnets);
    }

    public static Network defaults() { return newVpc(DEFAULT_CIDR, 2, NatMode.SINGLE); }

    public static Network newVpc(String cidr, int azs, NatMode nat) {
        return new Network(VpcMode.NEW, cidr, azs, nat, null, List.of(), List.of());
    }

    public static Network defaultVpc() { return new Network(VpcMode.DEFAULT, null, null, null, null, List.of(), List.of()); }

    public static Network existing(String vpcId, List<String> pub, List<String> priv) {
        return new Network(VpcMode.EXISTING, null, null, null, vpcId, pub, priv);
    }

    /** True when tasks run in private subnets and reach the internet through NAT. */
    public boolean tasksInPrivateSubnets() {
        return switch (vpc) {
            case NEW -> natGateways != NatMode.NONE;
            case DEFAULT -> false;
            case EXISTING -> !privateSubnets.isEmpty();
        };
    }
}
