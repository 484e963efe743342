package dev.gantry.aws.sim;

import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** Simulated STS: who the caller is (gantry's credentials are an IAM user named gantry). */
public final class SimSts implements StsClient {
    static final String USER_ID = "AIDASIMULATEDGANTRY01";

    private final SimWorld world;

    public SimSts(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        return SimErrors.error(StsException.builder(), "STS", status, code, message);
    }

    @Override public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest r) {
        return world.read("sts:GetCallerIdentity", this::err, () -> GetCallerIdentityResponse.builder()
                .account(world.accountId()).userId(USER_ID)
                .arn("arn:aws:iam::" + world.accountId() + ":user/gantry").build());
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}
