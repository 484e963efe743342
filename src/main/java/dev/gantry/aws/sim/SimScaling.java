package dev.gantry.aws.sim;

import dev.gantry.aws.ScalingApi;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Simulated Application Auto Scaling for ECS services (dimension ecs:service:DesiredCount). As in
 * AWS, registering a target whose range excludes the service's desired count moves the count
 * into the range; the error codes are Application Auto Scaling's own.
 */
public final class SimScaling implements ScalingApi {
    private final SimWorld world;

    public SimScaling(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        return SimErrors.error(AwsServiceException.builder(), "ApplicationAutoScaling", status, code, message);
    }

    private ScalingState st() { return world.state.scaling; }

    private static String[] parts(String resourceId) {
        String[] p = resourceId == null ? new String[0] : resourceId.split("/");
        return p.length == 3 && p[0].equals("service") ? p : null;
    }

    private RuntimeException noTarget(String resourceId) {
        return err(400, "ObjectNotFoundException", "No scalable target registered for service namespace: ecs, resource ID: "
                + resourceId + ", scalable dimension: ecs:service:DesiredCount");
    }

    @Override public void registerScalableTarget(String resourceId, int min, int max, Map<String, String> tags) {
        world.mutate("application-autoscaling:RegisterScalableTarget", this::err, () -> {
            String[] p = parts(resourceId);
            if (p == null) throw err(400, "ValidationException", "Unsupported resource ID: " + resourceId);
            if (min < 0 || max < min) throw err(400, "ValidationException", "Minimum capacity cannot be greater than maximum capacity");
            if (!world.state.ecs.serviceActive(p[1], p[2])) throw err(400, "ValidationException", "ECS service doesn't exist: " + resourceId);
            ScalingState.TargetRec t = st().targets.computeIfAbsent(resourceId, k -> new ScalingState.TargetRec());
            boolean created = t.resourceId == null;
            t.resourceId = resourceId;
            t.min = min;
            t.max = max;
            if (created && tags != null) t.tags = new LinkedHashMap<>(tags);
            EcsState.ServiceRec s = world.state.ecs.service(p[1], p[2]);
            int clamped = Math.max(min, Math.min(max, s.desiredCount));
            EcsServiceScaling.of(world).scaleService(p[1], p[2], clamped, world.now().toEpochMilli());
            return null;
        });
    }

    /** AWS: DescribeScalableTargets takes up to 50 ResourceIds; tags are one ListTagsForResource per target found. */
    @Override public List<Target> describeScalableTargets(List<String> resourceIds) {
        if (resourceIds.size() > 50) throw new IllegalArgumentException("DescribeScalableTargets takes at most 50 ResourceIds");
        if (resourceIds.isEmpty()) return List.of();
        List<String> found = world.read("application-autoscaling:DescribeScalableTargets", this::err,
                () -> resourceIds.stream().filter(st().targets::containsKey).toList());
        List<Target> out = new java.util.ArrayList<>();
        for (String id : found) {
            world.read("application-autoscaling:ListTagsForResource", this::err, () -> {
                ScalingState.TargetRec t = st().targets.get(id);
                if (t != null) out.add(new Target(t.resourceId, t.min, t.max, Map.copyOf(t.tags)));
                return null;
            });
        }
        return out;
    }

    @Override public Optional<Target> describeScalableTarget(String resourceId) {
        // AWS: DescribeScalableTargets returns no tags; they are a second call, ListTagsForResource on
        // the target's ScalableTargetARN (what the real client does, so its failures are modelled too).
        boolean found = world.read("application-autoscaling:DescribeScalableTargets", this::err, () -> st().targets.containsKey(resourceId));
        if (!found) return Optional.empty();
        return world.read("application-autoscaling:ListTagsForResource", this::err, () -> {
            ScalingState.TargetRec t = st().targets.get(resourceId);
            return t == null ? Optional.<Target>empty() : Optional.of(new Target(t.resourceId, t.min, t.max, Map.copyOf(t.tags)));
        });
    }

    /**
     * AWS: TagResource on the target's ScalableTargetARN adds or overwrites tags (at most 50 a
     * target; errors ValidationException, TooManyTagsException, and ResourceNotFoundException for
     * an ARN that names no target; Application Auto Scaling API reference, TagResource). The real
     * client finds the ARN with DescribeScalableTargets first, so a target missing then is
     * ObjectNotFoundException as for every call naming its resource ID.
     */
    @Override public void tagScalableTarget(String resourceId, Map<String, String> tags) {
        boolean found = world.read("application-autoscaling:DescribeScalableTargets", this::err, () -> st().targets.containsKey(resourceId));
        if (!found) throw noTarget(resourceId);
        world.mutate("application-autoscaling:TagResource", this::err, () -> {
            ScalingState.TargetRec t = st().targets.get(resourceId);
            // Deregistered between the two calls: TagResource names it by ARN.
            if (t == null) throw err(400, "ResourceNotFoundException", "No scalable target with ARN for " + resourceId);
            TagRules.put(t.tags, tags, this::err, TagRules.SCALING);
            return null;
        });
    }

    @Override public void deregisterScalableTarget(String resourceId) {
        world.mutate("application-autoscaling:DeregisterScalableTarget", this::err, () -> {
            if (st().targets.remove(resourceId) == null) throw noTarget(resourceId);
            st().policies.remove(resourceId); // AWS deletes the target's policies with it
            return null;
        });
    }

    @Override public void putCpuPolicy(String resourceId, String policyName, double cpuTarget) {
        world.mutate("application-autoscaling:PutScalingPolicy", this::err, () -> {
            if (!st().targets.containsKey(resourceId)) throw noTarget(resourceId);
            if (cpuTarget < 8.515920e-109 || cpuTarget > 6.646080e+108) throw err(400, "ValidationException", "TargetValue out of range");
            st().policies.computeIfAbsent(resourceId, k -> new TreeMap<>()).put(policyName, cpuTarget);
            return null;
        });
    }

    @Override public List<Policy> describePolicies(String resourceId) {
        return world.read("application-autoscaling:DescribeScalingPolicies", this::err, () -> {
            List<Policy> out = new ArrayList<>();
            st().policies.getOrDefault(resourceId, Map.of()).forEach((n, v) -> out.add(new Policy(resourceId, n, v)));
            return out;
        });
    }

    @Override public void deletePolicy(String resourceId, String policyName) {
        world.mutate("application-autoscaling:DeleteScalingPolicy", this::err, () -> {
            Map<String, Double> m = st().policies.get(resourceId);
            if (m == null || m.remove(policyName) == null) {
                throw err(400, "ObjectNotFoundException", "No scaling policy found for service namespace: ecs, resource ID: "
                        + resourceId + ", scalable dimension: ecs:service:DesiredCount, policy name: " + policyName);
            }
            return null;
        });
    }
}
