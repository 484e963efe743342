package dev.gantry.aws.sim;

import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** Simulated SSM: in memory, with AWS's rules. */
public final class SimSsm implements SsmClient {
    private final SimWorld world;

    public SimSsm(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        return SimErrors.error(SsmException.builder(), "SSM", status, code, message);
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}
