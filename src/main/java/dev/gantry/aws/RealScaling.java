package dev.gantry.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI endpoint;
    private final RetryStrategy retries = RetryPolicy.strategy();
    private final java.util.function.Consumer<java.time.Duration> sleep;
    private final RealAws.Timeouts timeouts;
    /** Abandons an attempt that outlives {@link RealAws.Timeouts#attempt()}, as the SDK's clients do with theirs. */
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gantry-scaling-watchdog");
        t.setDaemon(true);
        return t;
    });

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
        this.timeouts = timeouts;
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = URI.create(endpointUrl != null && !endpointUrl.isBlank() ? endpointUrl
                : "https://application-autoscaling." + region + ".amazonaws.com");
        this.sleep = sleep;
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

    /**
     * One signed JSON 1.1 call under {@link RetryPolicy}, failing as an SDK client does: AWS's error
     * document becomes an {@link AwsServiceException} with its code and status, a transport failure
     * an {@link SdkClientException}; so the same errors are retried and translated as everywhere else.
     */
    JsonNode call(String operation, ObjectNode body) {
        long start = System.nanoTime();
        int[] attempts = {0};
        return RetryPolicy.run(retries, "application-autoscaling", () -> {
            if (attempts[0] > 0 && java.time.Duration.ofNanos(System.nanoTime() - start).compareTo(timeouts.call()) >= 0) {
                // Not an IOException: the strategy does not try again.
                throw NameUnreachableEndpoint.silent(endpointName(), timeouts.call(), true, attempts[0], null);
            }
            attempts[0]++;
            return callOnce(operation, body, attempts[0]);
        }, sleep);
    }

    private String endpointName() { return endpoint.getScheme() + "://" + endpoint.getAuthority(); }

    private JsonNode callOnce(String operation, ObjectNode body, int attempt) {
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AnyScaleFrontendService." + operation).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials())
                .request(request).payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "application-autoscaling")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpExecuteResponse response;
        String text;
        var exec = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null)).build());
        java.util.concurrent.atomic.AtomicBoolean abandoned = new java.util.concurrent.atomic.AtomicBoolean();
        var watch = WATCHDOG.schedule(() -> {
            abandoned.set(true);
            exec.abort();
        }, timeouts.attempt().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            response = exec.call();
            try (InputStream in = response.responseBody().isPresent() ? response.responseBody().get() : InputStream.nullInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            if (abandoned.get()) {
                // Counted as no answer (RetryPolicy.noAnswer), so a silent endpoint is tried only a few times.
                var timedOut = new java.net.SocketTimeoutException("no answer within " + timeouts.attempt().toMillis() + " ms");
                timedOut.initCause(e);
                throw NameUnreachableEndpoint.silent(endpointName(), timeouts.attempt(), false, attempt, timedOut);
            }
            if (e instanceof RuntimeException r) throw r;
            if (RetryPolicy.unreachable(e)) throw NameUnreachableEndpoint.unreachable(endpointName(), e);
            if (RetryPolicy.noAnswer(e)) throw NameUnreachableEndpoint.silent(endpointName(), timeouts.attempt(), false, attempt, e);
            throw SdkClientException.builder().message("Unable to execute HTTP request: " + e.getMessage()).cause(e).build();
        } finally {
            watch.cancel(false);
        }
        int status = response.httpResponse().statusCode();
        JsonNode doc;
        try {
            doc = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException notJson) {
            // A proxy's or an emulator's error page rather than AWS's JSON.
            if (status < 300) throw SdkClientException.create("Application Auto Scaling " + operation + ": a non-JSON answer", notJson);
            doc = JSON.createObjectNode();
        }
        if (status >= 300) throw failure(operation, status, doc);
        return doc;
    }

    private static AwsServiceException failure(String operation, int status, JsonNode doc) {
        String type = doc.path("__type").asText("");
        String code = type.contains("#") ? type.substring(type.indexOf('#') + 1) : type;
        if (code.isEmpty()) code = status == 403 ? "AccessDeniedException" : status >= 500 ? "InternalFailure" : "HTTP" + status;
        String message = doc.path("message").asText(doc.path("Message").asText(""));
        return AwsServiceException.builder().statusCode(status).message(operation + ": " + code + (message.isEmpty() ? "" : ": " + message))
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message)
                        .serviceName("ApplicationAutoScaling").build()).build();
    }
}
