package dev.gantry.aws.sim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stands in for the simulated EC2 in edge tests until Ec2State's queries are merged: a VPC with
 * subnets in named AZs, security groups, and a ledger of interfaces created and released.
 */
public final class FakeNetwork implements SimElb.Network {
    public record Subnet(String vpc, String az) {}

    public final Set<String> vpcs = new TreeSet<>();
    public final Map<String, Subnet> subnets = new LinkedHashMap<>();
    public final Set<String> groups = new TreeSet<>();
    /** eni id → subnet, while it exists. */
    public final Map<String, String> enis = new LinkedHashMap<>();
    public final Map<String, Instant> released = new LinkedHashMap<>();
    private int next;

    /** vpc-1 with subnet-a (us-east-1a), subnet-b (us-east-1b), subnet-c (us-east-1a) and sg-lb. */
    public static FakeNetwork standard() {
        FakeNetwork n = new FakeNetwork();
        n.vpcs.add("vpc-1");
        n.subnets.put("subnet-a", new Subnet("vpc-1", "us-east-1a"));
        n.subnets.put("subnet-b", new Subnet("vpc-1", "us-east-1b"));
        n.subnets.put("subnet-c", new Subnet("vpc-1", "us-east-1a"));
        n.groups.add("sg-lb");
        return n;
    }

    @Override public boolean vpcExists(String vpcId) { return vpcs.contains(vpcId); }
    @Override public boolean subnetExists(String id) { return subnets.containsKey(id); }
    @Override public String availabilityZoneOfSubnet(String id) { return subnets.containsKey(id) ? subnets.get(id).az() : null; }
    @Override public String vpcOfSubnet(String id) { return subnets.containsKey(id) ? subnets.get(id).vpc() : null; }
    @Override public boolean securityGroupExists(String id) { return groups.contains(id); }

    @Override public String createEni(String subnetId, List<String> groupIds, String description) {
        String id = "eni-" + (++next);
        enis.put(id, subnetId);
        return id;
    }

    @Override public void releaseEni(String eniId, Instant at) {
        enis.remove(eniId);
        released.put(eniId, at);
    }

    /** The simulated clients of a world, with the ELB seeing this network instead of Ec2State. */
    public dev.gantry.aws.AwsClients clients(SimWorld w) {
        dev.gantry.aws.AwsClients c = w.clients();
        return new dev.gantry.aws.AwsClients(c.ec2(), c.ecs(), new SimElb(w, this), c.acm(), c.route53(),
                c.ssm(), c.iam(), c.logs(), c.sts(), c.scaling());
    }
}
