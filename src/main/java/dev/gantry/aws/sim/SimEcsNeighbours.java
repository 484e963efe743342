package dev.gantry.aws.sim;

import java.time.Instant;
import java.util.List;

/**
 * What the simulated ECS asks of EC2 and ELB. Kept behind one small interface so ECS can be
 * tested on its own (with a fake) while the network and edge simulations are written in parallel;
 * {@link #of(SimWorld)} is the real wiring onto {@code world.state.ec2} and {@code world.state.elb}.
 */
interface SimEcsNeighbours {
    boolean subnetExists(String subnetId);
    boolean securityGroupExists(String groupId);
    String createEni(String subnetId, List<String> groupIds, String description);
    void releaseEni(String eniId, Instant at);
    String privateIpOfEni(String eniId);
    boolean subnetReachesInternet(String subnetId, boolean publicIp, Instant now);

    boolean targetGroupExists(String targetGroupArn);
    boolean targetGroupHasLoadBalancer(String targetGroupArn);
    String healthCheckPath(String targetGroupArn);
    void registerTarget(String targetGroupArn, String ip, int port, Instant decidedAt, boolean healthy);
    /** When a target registered now gets its first verdict (see {@link ElbTargets#firstVerdictAt}). */
    Instant firstVerdictAt(String targetGroupArn, Instant registeredAt, boolean healthy);
    /** How long a deregistered target drains (the group's deregistration delay, in the world's time). */
    java.time.Duration drainFor(String targetGroupArn);
    void deregisterTarget(String targetGroupArn, String ip, Instant goneAt);
    String targetHealth(String targetGroupArn, String ip, Instant now);

    static SimEcsNeighbours of(SimWorld world) {
        return new SimEcsNeighbours() {
            @Override public boolean subnetExists(String id) { return world.state.ec2.subnetExists(id); }
            @Override public boolean securityGroupExists(String id) { return world.state.ec2.securityGroupExists(id); }
            @Override public String createEni(String subnetId, List<String> groupIds, String description) {
                return Ec2Interfaces.of(world).createEni(subnetId, groupIds, description);
            }
            @Override public void releaseEni(String eniId, Instant at) { Ec2Interfaces.of(world).releaseEni(eniId, at); }
            @Override public String privateIpOfEni(String eniId) { return world.state.ec2.privateIpOfEni(eniId); }
            @Override public boolean subnetReachesInternet(String subnetId, boolean publicIp, Instant now) {
                return world.state.ec2.subnetReachesInternet(subnetId, publicIp, now);
            }
            @Override public boolean targetGroupExists(String arn) { return world.state.elb.targetGroupExists(arn); }
            @Override public boolean targetGroupHasLoadBalancer(String arn) { return world.state.elb.targetGroupHasLoadBalancer(arn); }
            @Override public String healthCheckPath(String arn) { return world.state.elb.healthCheckPath(arn); }
            @Override public void registerTarget(String arn, String ip, int port, Instant decidedAt, boolean healthy) {
                ElbTargets.of(world).registerTarget(arn, ip, port, decidedAt, healthy);
            }
            @Override public Instant firstVerdictAt(String arn, Instant registeredAt, boolean healthy) {
                return ElbTargets.of(world).firstVerdictAt(arn, registeredAt, healthy);
            }
            @Override public java.time.Duration drainFor(String arn) {
                return ElbTargets.of(world).drainFor(arn);
            }
            @Override public void deregisterTarget(String arn, String ip, Instant goneAt) { ElbTargets.of(world).deregisterTarget(arn, ip, goneAt); }
            @Override public String targetHealth(String arn, String ip, Instant now) {
                return world.state.elb.targetHealth(arn, ip, now, SimTargetReach.of(world, arn, now));
            }
        };
    }
}
