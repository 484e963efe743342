package dev.gantry.aws.sim;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;

/** Simulated ECS: in memory, with AWS's rules. */
public final class SimEcs implements EcsClient {
    private final SimWorld world;

    public SimEcs(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        return SimErrors.error(EcsException.builder(), "ECS", status, code, message);
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}
