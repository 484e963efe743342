package dev.gantry.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loops above the clients (rollout watch, log follow) poll again exactly when the clients'
 * own policy would retry: by status and error code and exception type, never by message text.
 */
class RetryDecisionTest {
    private static AwsServiceException error(int status, String code, String message) {
        return AwsServiceException.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("ECS").build()).build();
    }

    @Test void throttling_is_tried_again() {
        assertThat(AwsErrors.retryable(error(400, "ThrottlingException", "Rate exceeded"))).isTrue();
        assertThat(AwsErrors.retryable(error(503, "RequestLimitExceeded", "Request limit exceeded."))).isTrue();
        // The code decides, whatever the message says.
        assertThat(AwsErrors.retryable(error(400, "Throttling", "something else entirely"))).isTrue();
    }

    @Test void a_server_error_is_tried_again() {
        assertThat(AwsErrors.retryable(error(500, "InternalFailure", "oops"))).isTrue();
        assertThat(AwsErrors.retryable(error(503, "ServiceUnavailable", "later"))).isTrue();
    }

    @Test void a_client_error_is_not() {
        assertThat(AwsErrors.retryable(error(400, "InvalidParameterException", "Unable to execute HTTP request: timed out"))).isFalse();
        assertThat(AwsErrors.retryable(error(403, "AccessDeniedException", "not allowed"))).isFalse();
        assertThat(AwsErrors.retryable(error(404, "ResourceNotFoundException", "gone"))).isFalse();
    }

    @Test void a_transport_failure_is_judged_by_its_cause_not_its_words() {
        SdkClientException reset = SdkClientException.builder().message("whatever it says").cause(new IOException("Connection reset")).build();
        assertThat(AwsErrors.retryable(reset)).isTrue();
        // The words that used to decide, without a transient cause: not a reason to poll again.
        assertThat(AwsErrors.retryable(SdkClientException.create("Unable to execute HTTP request: timed out"))).isFalse();
    }

    @Test void a_failure_that_wraps_an_sdk_error_is_judged_by_it() {
        assertThat(AwsErrors.retryable(new AwsFailure(AwsFailure.Kind.OTHER, "while reading", null, error(500, "InternalFailure", "x")))).isTrue();
        assertThat(AwsErrors.retryable(new AwsFailure(AwsFailure.Kind.OTHER, "while reading", null, error(400, "ValidationException", "x")))).isFalse();
        assertThat(AwsErrors.retryable(new AwsFailure(AwsFailure.Kind.NOT_FOUND, "no log group", null))).isFalse();
        assertThat(AwsErrors.retryable(new IllegalStateException("Rate exceeded"))).isFalse();
    }
}
