package dev.gantry.aws;

import java.util.List;
import java.util.Optional;

/**
 * The few Application Auto Scaling operations gantry needs for an ECS service: a scalable target on
 * {@code service/CLUSTER/SERVICE} (dimension ecs:service:DesiredCount) and one CPU target-tracking
 * policy. Mirrors the AWS API's names so a real implementation is a thin mapping.
 */
public interface ScalingApi {
    record Target(String resourceId, int min, int max, java.util.Map<String, String> tags) {}
    record Policy(String resourceId, String policyName, double cpuTarget) {}

    void registerScalableTarget(String resourceId, int min, int max, java.util.Map<String, String> tags);
    Optional<Target> describeScalableTarget(String resourceId);
    /** The targets among {@code resourceIds} (at most 50: one DescribeScalableTargets call), each with its tags. */
    List<Target> describeScalableTargets(List<String> resourceIds);
    void deregisterScalableTarget(String resourceId);
    /** Adds or overwrites tags on the registered target (TagResource on its ScalableTargetARN); others stay. */
    void tagScalableTarget(String resourceId, java.util.Map<String, String> tags);
    void putCpuPolicy(String resourceId, String policyName, double cpuTarget);
    List<Policy> describePolicies(String resourceId);
    void deletePolicy(String resourceId, String policyName);
}
