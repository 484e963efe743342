package dev.gantry.aws.sim;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** Simulated EC2: in memory, with AWS's rules. */
public final class SimEc2 implements Ec2Client {
    private final SimWorld world;

    public SimEc2(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        return SimErrors.error(Ec2Exception.builder(), "EC2", status, code, message);
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}
