package dev.gantry.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Application Auto Scaling for ECS services against real AWS. The SDK's module for this service is
 * not served by the registry this project builds from, so this speaks its JSON 1.1 protocol
 * directly, signed with the SDK's own SigV4 signer and sent with the SDK's HTTP client: six
 * operations, the ones {@link ScalingApi} names.
 */
public final class RealScaling implements ScalingApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIMENSION = "ecs:service:DesiredCount";

    static final AwsJsonCall.Service SERVICE = new AwsJsonCall.Service("AnyScaleFrontendService", "application-autoscaling",
            "ApplicationAutoScaling", "application-autoscaling");
    private final AwsJsonCall calls;

    public RealScaling(SdkHttpClient http, AwsCredentialsProvider credentials, String region, String endpointUrl) {
        this(http, credentials, region, endpointUrl, RetryPolicy::sleep);
    }

    /** {@code sleep} is how the pauses between attempts pass (tests pass time without waiting). */
    RealScaling(SdkHttpClient http, AwsCredentialsProvider credentials, String region, String endpointUrl,
                java.util.function.Consumer<java.time.Duration> sleep) {
        this(http, credentials, region, endpointUrl, sleep, new RealAws.Timeouts(RetryPolicy.ATTEMPT_TIMEOUT, RetryPolicy.CALL_TIMEOUT));
    }

    /** {@code timeouts}: how long one attempt, and one call with its attempts, may take. */
    RealScaling(SdkHttpClient http, AwsCredentialsProvider credentials, String region, String endpointUrl,
                java.util.function.Consumer<java.time.Duration> sleep, RealAws.Timeouts timeouts) {
        this.calls = new AwsJsonCall(SERVICE, http, credentials, region, endpointUrl, sleep, timeouts);
    }

    @Override public void registerScalableTarget(String resourceId, int min, int max, Map<String, String> tags) {
        ObjectNode body = target(resourceId).put("MinCapacity", min).put("MaxCapacity", max);
        ObjectNode t = body.putObject("Tags");
        tags.forEach(t::put);
        call("RegisterScalableTarget", body);
    }

    @Override public List<Target> describeScalableTargets(List<String> resourceIds) {
        if (resourceIds.isEmpty()) return List.of();
        ObjectNode body = JSON.createObjectNode().put("ServiceNamespace", "ecs").put("ScalableDimension", DIMENSION);
        resourceIds.forEach(body.putArray("ResourceIds")::add);
        List<Target> out = new java.util.ArrayList<>();
        for (JsonNode t : call("DescribeScalableTargets", body).path("ScalableTargets")) {
            String id = t.path("ResourceId").asText();
            if (resourceIds.contains(id)) {
                out.add(new Target(id, t.path("MinCapacity").asInt(), t.path("MaxCapacity").asInt(), tags(t.path("ScalableTargetARN").asText(""))));
            }
        }
        return out;
    }

    @Override public Optional<Target> describeScalableTarget(String resourceId) {
        ObjectNode body = JSON.createObjectNode().put("ServiceNamespace", "ecs").put("ScalableDimension", DIMENSION);
        body.putArray("ResourceIds").add(resourceId);
        for (JsonNode t : call("DescribeScalableTargets", body).path("ScalableTargets")) {
            if (resourceId.equals(t.path("ResourceId").asText())) {
                return Optional.of(new Target(resourceId, t.path("MinCapacity").asInt(), t.path("MaxCapacity").asInt(),
                        tags(t.path("ScalableTargetARN").asText(""))));
            }
        }
        return Optional.empty();
    }

    /**
     * Ownership lives in the target's tags, which DescribeScalableTargets does not return. A failed
     * read is an error, never "no tags": taken for untagged, gantry's own target would read as
     * someone else's (a conflict) and destroy would leave it behind.
     */
    private Map<String, String> tags(String arn) {
        if (arn.isEmpty()) {
            throw new AwsFailure(AwsFailure.Kind.OTHER, "Application Auto Scaling described the target without its ScalableTargetARN,"
                    + " so gantry cannot read its tags to tell whether it is this app's",
                    "use an endpoint that returns ScalableTargetARN (AWS has since 2023), or leave autoscaling out of gantry.yaml there");
        }
        Map<String, String> out = new java.util.TreeMap<>();
        call("ListTagsForResource", JSON.createObjectNode().put("ResourceARN", arn)).path("Tags")
                .fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** TagResource names the target by its ARN, which only DescribeScalableTargets gives. */
    @Override public void tagScalableTarget(String resourceId, Map<String, String> tags) {
        ObjectNode body = JSON.createObjectNode().put("ServiceNamespace", "ecs").put("ScalableDimension", DIMENSION);
        body.putArray("ResourceIds").add(resourceId);
        String arn = "";
        for (JsonNode t : call("DescribeScalableTargets", body).path("ScalableTargets")) {
            if (resourceId.equals(t.path("ResourceId").asText())) arn = t.path("ScalableTargetARN").asText("");
        }
        if (arn.isEmpty()) {
            throw new AwsFailure(AwsFailure.Kind.NOT_FOUND, "the autoscaling target " + resourceId + " is not registered (or was described without its ARN)",
                    "run 'gantry plan' again: it registers the target when it is missing");
        }
        ObjectNode tagging = JSON.createObjectNode().put("ResourceARN", arn);
        ObjectNode t = tagging.putObject("Tags");
        tags.forEach(t::put);
        call("TagResource", tagging);
    }

    @Override public void deregisterScalableTarget(String resourceId) {
        call("DeregisterScalableTarget", target(resourceId));
    }

    @Override public void putCpuPolicy(String resourceId, String policyName, double cpuTarget) {
        ObjectNode body = target(resourceId).put("PolicyName", policyName).put("PolicyType", "TargetTrackingScaling");
        ObjectNode config = body.putObject("TargetTrackingScalingPolicyConfiguration").put("TargetValue", cpuTarget);
        config.putObject("PredefinedMetricSpecification").put("PredefinedMetricType", "ECSServiceAverageCPUUtilization");
        call("PutScalingPolicy", body);
    }

    @Override public List<Policy> describePolicies(String resourceId) {
        ObjectNode body = JSON.createObjectNode().put("ServiceNamespace", "ecs").put("ResourceId", resourceId).put("ScalableDimension", DIMENSION);
        List<Policy> out = new ArrayList<>();
        for (JsonNode p : call("DescribeScalingPolicies", body).path("ScalingPolicies")) {
            out.add(new Policy(p.path("ResourceId").asText(), p.path("PolicyName").asText(),
                    p.path("TargetTrackingScalingPolicyConfiguration").path("TargetValue").asDouble()));
        }
        return out;
    }

    @Override public void deletePolicy(String resourceId, String policyName) {
        call("DeleteScalingPolicy", target(resourceId).put("PolicyName", policyName));
    }

    private static ObjectNode target(String resourceId) {
        return JSON.createObjectNode().put("ServiceNamespace", "ecs").put("ResourceId", resourceId).put("ScalableDimension", DIMENSION);
    }

    /** One signed JSON 1.1 call under {@link RetryPolicy}, failing as an SDK client does ({@link AwsJsonCall}). */
    JsonNode call(String operation, ObjectNode body) { return calls.call(operation, body); }
}
