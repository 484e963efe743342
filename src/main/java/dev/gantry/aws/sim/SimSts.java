package dev.gantry.aws.sim;

import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** Simulated STS: in memory, with AWS's rules. */
public final class SimSts implements StsClient {
    private final SimWorld world;

    public SimSts(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        return SimErrors.error(StsException.builder(), "STS", status, code, message);
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}
