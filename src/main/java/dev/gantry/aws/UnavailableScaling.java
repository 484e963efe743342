package dev.gantry.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real Application Auto Scaling is not wired in this build (its SDK module is not available from
 * the registry this project builds from). Reading says "nothing there"; changing fails honestly.
 */
public final class UnavailableScaling implements ScalingApi {
    private static AwsFailure unavailable() {
        return new AwsFailure(AwsFailure.Kind.OTHER,
                "service.autoscaling is not supported against real AWS by this build of gantry",
                "remove service.autoscaling from gantry.yaml and set scaling up in the ECS console, or rehearse it with --simulate");
    }

    @Override public void registerScalableTarget(String resourceId, int min, int max, Map<String, String> tags) { throw unavailable(); }
    @Override public Optional<Target> describeScalableTarget(String resourceId) { return Optional.empty(); }
    @Override public void deregisterScalableTarget(String resourceId) { throw unavailable(); }
    @Override public void putCpuPolicy(String resourceId, String policyName, double cpuTarget) { throw unavailable(); }
    @Override public List<Policy> describePolicies(String resourceId) { return List.of(); }
    @Override public void deletePolicy(String resourceId, String policyName) { throw unavailable(); }
}
