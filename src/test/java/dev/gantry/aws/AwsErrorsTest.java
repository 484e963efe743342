package dev.gantry.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failed call reads like: never an empty error code, and what to do for errors that outlast the retries. */
class AwsErrorsTest {
    private static AwsServiceException error(int status, String code, String message) {
        AwsErrorDetails.Builder d = AwsErrorDetails.builder().errorMessage(message);
        if (code != null) d.errorCode(code);
        return AwsServiceException.builder().statusCode(status).message(message).awsErrorDetails(d.build()).build();
    }

    /** Before: "while creating certificate.main: : Service returned HTTP status code 500". */
    @Test void an_error_without_a_code_names_its_http_status() {
        AwsFailure f = AwsErrors.translate("creating certificate.main", error(500, null, "Service returned HTTP status code 500"));
        assertThat(f.getMessage()).startsWith("while creating certificate.main: HTTP 500: Service returned HTTP status code 500").doesNotContain(": : ");
        assertThat(f.fix()).isNotBlank();
    }

    @Test void errors_that_outlast_the_retries_say_what_to_do() {
        assertThat(AwsErrors.translate("reading tags", error(500, "InternalFailure", "oops")).fix()).contains("again");
        assertThat(AwsErrors.translate("reading tags", error(400, "ThrottlingException", "Rate exceeded")).fix()).contains("again");
        AwsFailure unknown = AwsErrors.translate("reading tags", error(400, "UnknownOperationException", ""));
        assertThat(unknown.getMessage()).isEqualTo("while reading tags: UnknownOperationException (the endpoint does not implement this call)");
        assertThat(unknown.fix()).contains("emulator");
        assertThat(AwsErrors.translate("reading tags", error(501, null, "")).getMessage()).contains("HTTP 501");
    }

    /**
     * Found by hand on moto 5.2.2, which does not route the SDK's CloudWatch protocol (RPC v2 CBOR):
     * DescribeAlarms answered a bare 404, and gantry said "check the name or ID in gantry.yaml".
     * AWS answers a missing resource with an error code; a 404 without one is a call the endpoint
     * does not implement.
     */
    @Test void a_404_without_an_error_code_is_a_call_the_endpoint_does_not_implement() {
        AwsFailure f = AwsErrors.translate("reading the app's alarm resources", error(404, null, "Service returned HTTP status code 404"));
        assertThat(f.kind()).isEqualTo(AwsFailure.Kind.OTHER);
        assertThat(f.getMessage()).contains("HTTP 404").endsWith("(the endpoint does not implement this call)");
        assertThat(f.fix()).contains("--endpoint-url").doesNotContain("gantry.yaml");
        // A 404 that names what is missing is still "not found".
        assertThat(AwsErrors.translate("reading the function", error(404, "ResourceNotFoundException", "Function not found")).kind())
                .isEqualTo(AwsFailure.Kind.NOT_FOUND);
    }
}
