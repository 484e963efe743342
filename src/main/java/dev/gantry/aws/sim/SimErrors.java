package dev.gantry.aws.sim;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Builds the SDK's own service exceptions, so code under test sees exactly what real AWS throws. */
public final class SimErrors {
    private SimErrors() {}

    /** One per simulated service: builds that service's exception type. */
    @FunctionalInterface
    public interface Factory {
        RuntimeException create(int status, String code, String message);
    }

    public static RuntimeException error(AwsServiceException.Builder builder, String serviceName, int status,
                                         String code, String message) {
        return builder.message(message)
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message)
                        .serviceName(serviceName).build())
                .build();
    }
}
