package dev.gantry.aws.sim;

import dev.gantry.aws.sim.ElbState.TargetGroupRec;
import dev.gantry.aws.sim.ElbState.TargetRec;

import java.time.Duration;
import java.time.Instant;

/**
 * Targets coming and going in the simulated ELB's target groups, kept by {@link SimElb}
 * (RegisterTargets, DeregisterTargets) and reached by ECS, which registers its tasks: when a new
 * target gets its verdict, how long a leaving one drains. Its health at a moment is
 * {@link ElbState#targetHealth}'s query.
 */
final class ElbTargets {
    private final ElbState elb;
    private final SimContext account;

    ElbTargets(ElbState elb, SimContext account) {
        this.elb = elb;
        this.account = account;
    }

    /** The world's ELB, for ECS registering its tasks. */
    static ElbTargets of(SimWorld world) { return new ElbTargets(world.state.elb, world); }

    /**
     * When a target registered at {@code registeredAt} gets its first verdict. Health checks start
     * only once a load balancer that uses the group is active (until then the target is "initial",
     * Elb.RegistrationInProgress); a new target is then healthy after its first passing check, sent
     * within one interval ("after your target is registered, it must pass one health check to be
     * considered healthy"), or unhealthy after unhealthyThreshold failing ones, one per interval
     * (ALB user guide, target group health checks; TargetHealth: docs/timings.md). healthyThreshold
     * counts only for a target that was unhealthy. The checks take their time only where the
     * account's latency says settings do ({@link SimLatency#settings}; none in an instant world).
     */
    Instant firstVerdictAt(String targetGroupArn, Instant registeredAt, boolean healthy) {
        TargetGroupRec tg = elb.targetGroups.get(targetGroupArn);
        if (tg == null) return registeredAt;
        Instant checksFrom = registeredAt;
        long activeAt = Long.MAX_VALUE;
        for (String lb : elb.loadBalancersOfTargetGroup(targetGroupArn)) activeAt = Math.min(activeAt, elb.loadBalancers.get(lb).activeAtMillis);
        if (activeAt != Long.MAX_VALUE && activeAt > checksFrom.toEpochMilli()) checksFrom = Instant.ofEpochMilli(activeAt);
        int checks = healthy ? 1 : tg.unhealthyThresholdCount;
        return checksFrom.plus(account.latency().settings(Duration.ofSeconds((long) tg.healthCheckIntervalSeconds * checks)));
    }

    /** A task registers; it reports "initial" until {@code decidedAt}, then healthy or unhealthy. */
    void registerTarget(String targetGroupArn, String ip, int port, Instant decidedAt, boolean healthy) {
        TargetGroupRec tg = elb.targetGroups.get(targetGroupArn);
        if (tg == null) return;
        TargetRec t = new TargetRec();
        t.ip = ip;
        t.port = port;
        t.decidedAtMillis = decidedAt.toEpochMilli();
        t.healthy = healthy;
        tg.targets.put(ip + ":" + port, t);
    }

    /** A task leaves; it is "draining" until {@code goneAt} (the deregistration delay). */
    void deregisterTarget(String targetGroupArn, String ip, Instant goneAt) {
        TargetGroupRec tg = elb.targetGroups.get(targetGroupArn);
        if (tg == null) return;
        for (TargetRec t : tg.targets.values()) {
            if (t.ip.equals(ip) && t.goneAtMillis == 0) t.goneAtMillis = Math.max(1, goneAt.toEpochMilli());
        }
    }

    /** How long a target deregistered now drains: the group's deregistration delay, in the account's time. */
    Duration drainFor(String targetGroupArn) { return account.latency().settings(elb.deregistrationDelay(targetGroupArn)); }
}
