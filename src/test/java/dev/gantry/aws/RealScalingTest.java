package dev.gantry.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-made Application Auto Scaling client speaks AWS's JSON 1.1 protocol, signed. */
class RealScalingTest {
    record Sent(String target, String auth, JsonNode body) {}

    final List<Sent> sent = new ArrayList<>();
    final List<java.time.Duration> pauses = new ArrayList<>();
    final Deque<String[]> answers = new ArrayDeque<>(); // {status, body}

    final SdkHttpClient http = new SdkHttpClient() {
        @Override public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override public HttpExecuteResponse call() {
                    try {
                        String body = new String(request.contentStreamProvider().orElseThrow().newStream().readAllBytes(), StandardCharsets.UTF_8);
                        sent.add(new Sent(request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(""),
                                request.httpRequest().firstMatchingHeader("Authorization").orElse(""), new ObjectMapper().readTree(body)));
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                    String[] a = answers.isEmpty() ? new String[]{"200", "{}"} : answers.poll();
                    return HttpExecuteResponse.builder().response(SdkHttpResponse.builder().statusCode(Integer.parseInt(a[0])).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(a[1].getBytes(StandardCharsets.UTF_8)))).build();
                }
                @Override public void abort() {}
            };
        }
        @Override public void close() {}
    };

    final RealScaling scaling = new RealScaling(http, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
            "eu-west-1", null, pauses::add);


    @Test void registering_a_target_sends_a_signed_json_request_with_the_ecs_dimension_and_tags() {
        scaling.registerScalableTarget("service/hello/hello", 2, 6, Map.of("gantry:app", "hello"));
        Sent s = sent.get(0);
        assertThat(s.target()).isEqualTo("AnyScaleFrontendService.RegisterScalableTarget");
        assertThat(s.auth()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/").contains("/eu-west-1/application-autoscaling/aws4_request");
        assertThat(s.body().path("ScalableDimension").asText()).isEqualTo("ecs:service:DesiredCount");
        assertThat(s.body().path("MinCapacity").asInt()).isEqualTo(2);
        assertThat(s.body().path("Tags").path("gantry:app").asText()).isEqualTo("hello");
    }

    @Test void a_target_is_read_with_its_tags_and_a_policy_with_its_cpu_target() {
        answers.add(new String[]{"200", "{\"ScalableTargets\":[{\"ResourceId\":\"service/hello/hello\",\"MinCapacity\":2,\"MaxCapacity\":6,"
                + "\"ScalableTargetARN\":\"arn:aws:application-autoscaling:eu-west-1:123456789012:scalable-target/abc\"}]}"});
        answers.add(new String[]{"200", "{\"Tags\":{\"gantry:app\":\"hello\"}}"});
        var t = scaling.describeScalableTarget("service/hello/hello").orElseThrow();
        assertThat(t.min()).isEqualTo(2);
        assertThat(t.tags()).containsEntry("gantry:app", "hello");
        assertThat(sent.get(1).target()).isEqualTo("AnyScaleFrontendService.ListTagsForResource");

        answers.add(new String[]{"200", "{\"ScalingPolicies\":[{\"ResourceId\":\"service/hello/hello\",\"PolicyName\":\"hello-cpu\","
                + "\"TargetTrackingScalingPolicyConfiguration\":{\"TargetValue\":60.0}}]}"});
        assertThat(scaling.describePolicies("service/hello/hello")).singleElement()
                .satisfies(p -> assertThat(p.cpuTarget()).isEqualTo(60.0));
    }

    @Test void aws_errors_are_the_sdks_exceptions_and_translate_to_their_kind() {
        answers.add(new String[]{"400", "{\"__type\":\"com.amazon#ValidationException\",\"message\":\"MaxCapacity too low\"}"});
        assertThatThrownBy(() -> scaling.putCpuPolicy("service/hello/hello", "hello-cpu", 60))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    AwsFailure f = AwsErrors.translate("setting the scaling policy", e);
                    assertThat(f.kind()).isEqualTo(AwsFailure.Kind.INVALID);
                    assertThat(f.getMessage()).contains("ValidationException").contains("MaxCapacity too low");
                });
        assertThat(sent).hasSize(1); // a validation error is not retried
        answers.add(new String[]{"403", "{\"__type\":\"AccessDeniedException\",\"message\":\"no\"}"});
        assertThatThrownBy(() -> scaling.deregisterScalableTarget("service/hello/hello"))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(AwsErrors.translate("x", e).kind()).isEqualTo(AwsFailure.Kind.PERMISSION));
    }

    @Test void throttling_and_server_errors_are_retried_by_the_same_policy_as_the_sdk_clients() {
        answers.add(new String[]{"400", "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"});
        answers.add(new String[]{"500", "{\"__type\":\"InternalFailure\",\"message\":\"oops\"}"});
        answers.add(new String[]{"200", "{}"});
        scaling.deregisterScalableTarget("service/hello/hello");
        assertThat(sent).hasSize(3);
        assertThat(pauses).hasSize(2).allMatch(d -> !d.isNegative() && d.toMillis() <= 20_000);
    }

    @Test void a_server_that_keeps_failing_is_tried_the_policys_number_of_times() {
        for (int i = 0; i < 20; i++) answers.add(new String[]{"503", "{\"__type\":\"ServiceUnavailable\",\"message\":\"down\"}"});
        assertThatThrownBy(() -> scaling.deregisterScalableTarget("service/hello/hello")).isInstanceOf(AwsServiceException.class);
        assertThat(sent).hasSize(RetryPolicy.MAX_ATTEMPTS);
    }

    private static final String ONE_TARGET = "{\"ScalableTargets\":[{\"ResourceId\":\"service/hello/hello\",\"MinCapacity\":2,\"MaxCapacity\":6,"
            + "\"ScalableTargetARN\":\"arn:aws:application-autoscaling:eu-west-1:123456789012:scalable-target/abc\"}]}";

    /** Before: any answer but 403 became "no tags", so gantry's own target read as someone else's and destroy left it. */
    @Test void a_tag_read_that_fails_is_an_error_never_no_tags() {
        for (String[] failing : List.of(new String[]{"500", "{\"__type\":\"InternalFailure\",\"message\":\"oops\"}"},
                new String[]{"400", "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"},
                new String[]{"400", "{\"__type\":\"UnknownOperationException\"}"},
                new String[]{"501", ""})) {
            answers.clear();
            sent.clear();
            answers.add(new String[]{"200", ONE_TARGET});
            for (int i = 0; i < RetryPolicy.MAX_ATTEMPTS; i++) answers.add(failing);
            assertThatThrownBy(() -> scaling.describeScalableTarget("service/hello/hello"))
                    .as("answer %s", failing[0]).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        AwsFailure f = AwsErrors.translate("reading the app's scaling-target resources", e);
                        assertThat(f.getMessage()).doesNotContain(": : ");
                        assertThat(f.fix()).as("what to do").isNotBlank();
                    });
        }
    }

    @Test void a_target_described_without_its_arn_cannot_be_judged_and_says_so() {
        answers.add(new String[]{"200", "{\"ScalableTargets\":[{\"ResourceId\":\"service/hello/hello\",\"MinCapacity\":2,\"MaxCapacity\":6}]}"});
        assertThatThrownBy(() -> scaling.describeScalableTarget("service/hello/hello"))
                .isInstanceOfSatisfying(AwsFailure.class, f -> assertThat(f.getMessage()).contains("ScalableTargetARN"));
    }
}
