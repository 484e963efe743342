package dev.gantry.aws.sim;

import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;

/** Simulated ElasticLoadBalancingV2: in memory, with AWS's rules. */
public final class SimElb implements ElasticLoadBalancingV2Client {
    private final SimWorld world;

    public SimElb(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        return SimErrors.error(ElasticLoadBalancingV2Exception.builder(), "ElasticLoadBalancingV2", status, code, message);
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}
