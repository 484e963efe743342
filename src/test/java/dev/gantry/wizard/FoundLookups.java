package dev.gantry.wizard;

import java.util.List;

/** Look-ups that found an identity, two zones, one VPC with three subnets, two hosted zones and a parameter. */
public final class FoundLookups implements Lookups {
    @Override public Identity identity() { return new Identity(true, "123456789012", "arn:aws:iam::123456789012:user/ana", null); }
    @Override public Lookup<List<String>> availabilityZones(String region) { return Lookup.found(List.of("us-east-1a", "us-east-1b")); }
    @Override public Lookup<List<Choice>> vpcs(String region) { return Lookup.found(List.of(new Choice("vpc-0123456789abcdef0", "vpc-0123456789abcdef0", "10.1.0.0/16 prod"))); }
    @Override public Lookup<List<SubnetInfo>> subnets(String region, String vpcId) {
        return Lookup.found(List.of(new SubnetInfo("subnet-00000000000000001", "us-east-1a", "10.1.0.0/24", true),
                new SubnetInfo("subnet-00000000000000002", "us-east-1a", "10.1.1.0/24", true),
                new SubnetInfo("subnet-00000000000000003", "us-east-1b", "10.1.2.0/24", true)));
    }
    @Override public Lookup<List<String>> hostedZones() { return Lookup.found(List.of("example.com", "shop.example.com")); }
    @Override public Lookup<List<Choice>> certificates(String region, String domain) { return Lookup.found(List.of()); }
    @Override public Lookup<List<String>> parameters(String region, String prefix) { return Lookup.found(List.of(prefix + "db-password")); }
}
