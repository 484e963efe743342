package dev.gantry.aws.sim;

import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/** Simulated Route53: in memory, with AWS's rules. */
public final class SimRoute53 implements Route53Client {
    private final SimWorld world;

    public SimRoute53(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        return SimErrors.error(Route53Exception.builder(), "Route53", status, code, message);
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}
