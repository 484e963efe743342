package dev.gantry.aws.sim;

import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** ELB's targets on their own: its state, a clock and the account, no world. */
class ElbTargetsTest {
    private static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/hello-tg/0123456789abcdef";
    private static final String LB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/hello-alb/0123456789abcdef";

    private final VirtualScheduler clock = new VirtualScheduler();
    private final ElbState elb = new ElbState();
    private final ElbTargets targets = new ElbTargets(elb, new StandaloneAccount(clock, SimLatency.realistic()));

    /** A target group behind a load balancer that becomes active {@code activeIn} from now. */
    private ElbState.TargetGroupRec groupBehindALoadBalancer(Duration activeIn) {
        ElbState.LoadBalancerRec lb = new ElbState.LoadBalancerRec();
        lb.arn = LB;
        lb.activeAtMillis = clock.now().plus(activeIn).toEpochMilli();
        elb.loadBalancers.put(LB, lb);
        ElbState.TargetGroupRec tg = new ElbState.TargetGroupRec();
        tg.arn = TG;
        tg.port = 80;
        tg.attributes.put("deregistration_delay.timeout_seconds", "30");
        elb.targetGroups.put(TG, tg);
        ElbState.ActionRec forward = new ElbState.ActionRec();
        forward.type = "forward";
        forward.targetGroupArn = TG;
        ElbState.ListenerRec l = new ElbState.ListenerRec();
        l.arn = LB.replace(":loadbalancer/", ":listener/") + "/1";
        l.loadBalancerArn = LB;
        l.protocol = "HTTP";
        l.port = 80;
        l.defaultActions.add(forward);
        elb.listeners.put(l.arn, l);
        return tg;
    }

    private String health(String ip) { return elb.targetHealth(TG, ip, clock.now(), t -> true); }

    @Test
    void healthChecksStartOnlyOnceTheLoadBalancerIsActive() {
        ElbState.TargetGroupRec tg = groupBehindALoadBalancer(Duration.ofSeconds(185));
        Instant decided = targets.firstVerdictAt(TG, clock.now(), true);
        assertThat(decided).isEqualTo(clock.now().plusSeconds(185 + tg.healthCheckIntervalSeconds));
        targets.registerTarget(TG, "10.0.1.5", 80, decided, true);

        clock.advance(Duration.ofSeconds(185 + tg.healthCheckIntervalSeconds - 1));
        assertThat(health("10.0.1.5")).isEqualTo("initial");
        clock.advance(Duration.ofSeconds(1));
        assertThat(health("10.0.1.5")).isEqualTo("healthy");
    }

    @Test
    void aFailingTargetIsUnhealthyAfterTheThresholdOfChecksAndALeavingOneDrainsForTheDelay() {
        ElbState.TargetGroupRec tg = groupBehindALoadBalancer(Duration.ZERO);
        Instant failing = targets.firstVerdictAt(TG, clock.now(), false);
        assertThat(failing).isEqualTo(clock.now().plusSeconds((long) tg.healthCheckIntervalSeconds * tg.unhealthyThresholdCount));
        targets.registerTarget(TG, "10.0.1.6", 80, failing, false);
        clock.advance(Duration.between(clock.now(), failing));
        assertThat(health("10.0.1.6")).isEqualTo("unhealthy");

        assertThat(targets.drainFor(TG)).isEqualTo(Duration.ofSeconds(30));
        targets.deregisterTarget(TG, "10.0.1.6", clock.now().plus(targets.drainFor(TG)));
        clock.advance(Duration.ofSeconds(29));
        assertThat(health("10.0.1.6")).isEqualTo("draining");
        clock.advance(Duration.ofSeconds(1));
        assertThat(health("10.0.1.6")).isNull();
    }
}
