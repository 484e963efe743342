package dev.gantry.aws.sim;

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;

/** Simulated IAM: in memory, with AWS's rules. */
public final class SimIam implements IamClient {
    private final SimWorld world;

    public SimIam(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        return SimErrors.error(IamException.builder(), "IAM", status, code, message);
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}
