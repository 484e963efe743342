package dev.gantry.aws.sim;

import dev.gantry.aws.AwsClients;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stands in for the simulated EC2 and ELB while those are written elsewhere: subnets, groups and
 * target groups exist when a test says so; target health follows what ECS registered.
 */
public final class FakeNeighbours implements SimEcsNeighbours {
    public final Set<String> subnets = new HashSet<>();
    public final Set<String> securityGroups = new HashSet<>();
    /** Subnets without a route to the internet (a private subnet with no NAT gateway). */
    public final Set<String> isolated = new HashSet<>();
    public final Map<String, String> targetGroups = new HashMap<>(); // arn → health check path
    public final Set<String> attached = new HashSet<>();
    public final Map<String, Boolean> enis = new HashMap<>(); // eni → released
    private final Map<String, Instant> decidedAt = new HashMap<>();
    private final Map<String, Boolean> healthy = new HashMap<>();
    private final Map<String, Instant> goneAt = new HashMap<>();
    private int ips;
    /** "target group arn → ip:port" per registration and "target group arn → ip" per deregistration, in order. */
    public final List<String> registrations = new java.util.ArrayList<>();
    public final List<String> deregistrations = new java.util.ArrayList<>();

    /** A ready network: two subnets reaching the internet, one group, and an attached target group. */
    public static FakeNeighbours ready() {
        FakeNeighbours f = new FakeNeighbours();
        f.subnets.addAll(List.of("subnet-a", "subnet-b"));
        f.securityGroups.add("sg-service");
        f.targetGroups.put(TG, "/");
        f.attached.add(TG);
        return f;
    }

    public static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/hello-tg/0123456789abcdef";

    /** All simulated clients, with ECS asking this fake instead of EC2 and ELB. */
    public AwsClients clients(SimWorld w) {
        AwsClients real = w.clients();
        return new AwsClients(real.ec2(), new SimEcs(w, this), real.elb(), real.acm(), real.route53(), real.ssm(), real.iam(),
                real.logs(), real.sts(), real.scaling());
    }

    public long liveEnis() { return enis.values().stream().filter(r -> !r).count(); }

    @Override public boolean subnetExists(String id) { return subnets.contains(id); }
    @Override public boolean securityGroupExists(String id) { return securityGroups.contains(id); }
    @Override public String createEni(String subnetId, List<String> groupIds, String description) {
        String id = "eni-" + (++ips);
        enis.put(id, false);
        return id;
    }
    @Override public void releaseEni(String eniId, Instant at) { enis.put(eniId, true); }
    @Override public String privateIpOfEni(String eniId) { return "10.0.1." + eniId.substring(4); }
    @Override public boolean subnetReachesInternet(String subnetId, boolean publicIp, Instant now) { return !isolated.contains(subnetId); }
    @Override public boolean targetGroupExists(String arn) { return targetGroups.containsKey(arn); }
    @Override public boolean targetGroupHasLoadBalancer(String arn) { return attached.contains(arn); }
    @Override public String healthCheckPath(String arn) { return targetGroups.get(arn); }
    @Override public void registerTarget(String arn, String ip, int port, Instant decided, boolean good) {
        registrations.add(arn + " → " + ip + ":" + port);
        decidedAt.put(ip, decided);
        healthy.put(ip, good);
        goneAt.remove(ip);
    }
    /** How long a new target's first health checks take, and how long a deregistered one drains. */
    public java.time.Duration checks = java.time.Duration.ofSeconds(45), drain = java.time.Duration.ofSeconds(20);
    @Override public Instant firstVerdictAt(String arn, Instant registeredAt, boolean good) { return registeredAt.plus(checks); }
    @Override public java.time.Duration drainFor(String arn) { return drain; }
    @Override public void deregisterTarget(String arn, String ip, Instant gone) {
        deregistrations.add(arn + " → " + ip);
        goneAt.put(ip, gone);
    }
    @Override public String targetHealth(String arn, String ip, Instant now) {
        if (!decidedAt.containsKey(ip)) return null;
        if (goneAt.containsKey(ip)) return now.isBefore(goneAt.get(ip)) ? "draining" : null;
        if (now.isBefore(decidedAt.get(ip))) return "initial";
        return healthy.get(ip) ? "healthy" : "unhealthy";
    }
}
