package dev.gantry.aws.sim;

import java.time.Instant;

/**
 * The simulated ELBv2 state: plain serialisable fields, and the queries other simulated services
 * need. (No no-argument getX()/isX() methods here: Jackson would take them for properties.)
 */
public final class ElbState {

    // ---- queries used by the simulated ECS (owned by the edge work; bodies to come) ----

    public boolean targetGroupExists(String targetGroupArn) { throw new UnsupportedOperationException("ElbState.targetGroupExists"); }

    /** ECS refuses a service whose target group is not attached to a load balancer (through a listener). */
    public boolean targetGroupHasLoadBalancer(String targetGroupArn) { throw new UnsupportedOperationException("ElbState.targetGroupHasLoadBalancer"); }

    public String healthCheckPath(String targetGroupArn) { throw new UnsupportedOperationException("ElbState.healthCheckPath"); }

    /** A task registers; it reports "initial" until {@code decidedAt}, then healthy or unhealthy. */
    public void registerTarget(String targetGroupArn, String ip, int port, Instant decidedAt, boolean healthy) { throw new UnsupportedOperationException("ElbState.registerTarget"); }

    /** A task leaves; it is "draining" until {@code goneAt} (the deregistration delay). */
    public void deregisterTarget(String targetGroupArn, String ip, Instant goneAt) { throw new UnsupportedOperationException("ElbState.deregisterTarget"); }

    /** initial | healthy | unhealthy | draining, or null when the target is not registered. */
    public String targetHealth(String targetGroupArn, String ip, Instant now) { throw new UnsupportedOperationException("ElbState.targetHealth"); }
}
