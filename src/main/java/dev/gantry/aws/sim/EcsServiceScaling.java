package dev.gantry.aws.sim;

/**
 * Application Auto Scaling acting on the simulated ECS (a scalable target registered or scaled):
 * it sets a service's desired count, which ECS's service scheduler then acts on.
 */
final class EcsServiceScaling {
    private final EcsState ecs;

    EcsServiceScaling(EcsState ecs) { this.ecs = ecs; }

    static EcsServiceScaling of(SimWorld world) { return new EcsServiceScaling(world.state.ecs); }

    /**
     * Application Auto Scaling sets the desired count; the service scheduler acts on it at {@code atMillis}.
     */
    void scaleService(String cluster, String name, int desired, long atMillis) {
        EcsState.ServiceRec s = ecs.service(cluster, name);
        if (s == null || !"ACTIVE".equals(s.status) || s.desiredCount == desired) return;
        s.desiredCount = desired;
        if (!s.deployments.isEmpty()) s.deployments.get(0).desiredCount = desired;
        s.reconcileAt = atMillis;
    }
}
