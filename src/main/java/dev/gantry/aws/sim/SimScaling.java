package dev.gantry.aws.sim;

import dev.gantry.aws.ScalingApi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Simulated Application Auto Scaling for ECS services. */
public final class SimScaling implements ScalingApi {
    private final SimWorld world;

    public SimScaling(SimWorld world) { this.world = world; }

    @Override public void registerScalableTarget(String resourceId, int min, int max, Map<String, String> tags) { throw new UnsupportedOperationException(); }
    @Override public Optional<Target> describeScalableTarget(String resourceId) { throw new UnsupportedOperationException(); }
    @Override public void deregisterScalableTarget(String resourceId) { throw new UnsupportedOperationException(); }
    @Override public void putCpuPolicy(String resourceId, String policyName, double cpuTarget) { throw new UnsupportedOperationException(); }
    @Override public List<Policy> describePolicies(String resourceId) { throw new UnsupportedOperationException(); }
    @Override public void deletePolicy(String resourceId, String policyName) { throw new UnsupportedOperationException(); }
}
