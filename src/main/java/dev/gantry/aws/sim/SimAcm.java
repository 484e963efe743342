package dev.gantry.aws.sim;

import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.AcmException;

/** Simulated ACM: in memory, with AWS's rules. */
public final class SimAcm implements AcmClient {
    private final SimWorld world;

    public SimAcm(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        return SimErrors.error(AcmException.builder(), "ACM", status, code, message);
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}
