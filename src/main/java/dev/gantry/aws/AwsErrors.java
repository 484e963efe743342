package dev.gantry.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.Set;

/** Turns SDK exceptions into {@link AwsFailure}s that say what was being done and how to fix it. */
public final class AwsErrors {
    private AwsErrors() {}

    private static final Set<String> PERMISSION = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "AuthFailure", "UnrecognizedClientException", "InvalidClientTokenId",
            "ExpiredToken", "ExpiredTokenException", "SignatureDoesNotMatch", "MissingAuthenticationToken");
    private static final Set<String> LIMIT = Set.of("LimitExceeded", "LimitExceededException",
            "AddressLimitExceeded", "VpcLimitExceeded", "NatGatewayLimitExceeded", "TooManyLoadBalancers",
            "TooManyTargetGroups", "ServiceQuotaExceededException");

    /** What an endpoint answers for an API action it does not know (AWS's JSON and query protocols, emulators). */
    private static final Set<String> UNKNOWN_OPERATION = Set.of("UnknownOperationException", "InvalidAction", "NotImplemented",
            "NotImplementedException", "UnsupportedOperation", "UnsupportedOperationException");

    /**
     * Whether another try after a pause may succeed: what {@link RetryPolicy#wouldRetry} says, the
     * same decision the clients make for every call (throttling, 5xx, transient transport errors).
     */
    public static boolean retryable(Throwable t) { return RetryPolicy.wouldRetry(t); }

    public static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
    }

    public static String message(AwsServiceException e) {
        // AWS's message may echo names and values someone else chose: shown with control characters escaped.
        return dev.gantry.text.Untrusted.text(e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? e.getMessage() : e.awsErrorDetails().errorMessage());
    }

    /** {@code doing} reads as a sentence fragment: "creating the NAT gateway nat.nat-0". */
    public static AwsFailure translate(String doing, Throwable t) {
        if (t instanceof AwsFailure f) return f;
        if (t instanceof AwsServiceException e) {
            String code = code(e);
            // Some endpoints answer without an error code: the status is all there is to say.
            String said = code.isBlank() ? "HTTP " + e.statusCode() : code;
            String message = message(e);
            String msg = "while " + doing + ": " + said + (message == null || message.isBlank() || message.equals(said) ? "" : ": " + message);
            if (PERMISSION.contains(code) || e.statusCode() == 403) {
                return new AwsFailure(AwsFailure.Kind.PERMISSION, msg,
                        "give the credentials gantry runs with permission for this call (the message names the action), or run with --profile for an account that has it", e);
            }
            if (LIMIT.contains(code)) {
                return new AwsFailure(AwsFailure.Kind.LIMIT, msg,
                        "an account quota is reached: delete unused resources of this kind or request a higher quota in the Service Quotas console", e);
            }
            // AWS names every missing resource with an error code (ResourceNotFoundException,
            // NoSuchEntity, ...); a bare 404 is the endpoint not routing the request at all, as an
            // emulator answers a protocol or operation it does not speak. Never "check the name".
            if (code.isBlank() && e.statusCode() == 404) {
                return new AwsFailure(AwsFailure.Kind.OTHER, msg + " (the endpoint does not implement this call)",
                        "gantry needs this call to know what exists; use AWS itself or an emulator that implements it (check --endpoint-url)", e);
            }
            if (code.contains("NotFound") || code.startsWith("NoSuch") || e.statusCode() == 404) {
                return new AwsFailure(AwsFailure.Kind.NOT_FOUND, msg, "check the name or ID in gantry.yaml; run 'gantry plan' to see what exists", e);
            }
            if (code.equals("DependencyViolation") || code.contains("InUse") || code.contains("Conflict")) {
                return new AwsFailure(AwsFailure.Kind.CONFLICT, msg, "something else still uses it; run the command again once that is gone", e);
            }
            if (code.contains("Invalid") || code.contains("Validation") || code.contains("Malformed")) {
                return new AwsFailure(AwsFailure.Kind.INVALID, msg, "AWS rejected a value; check the field in gantry.yaml that sets it", e);
            }
            if (UNKNOWN_OPERATION.contains(code) || e.statusCode() == 501) {
                return new AwsFailure(AwsFailure.Kind.OTHER, msg + " (the endpoint does not implement this call)",
                        "gantry needs this call to know what exists; use AWS itself or an emulator that implements it (check --endpoint-url)", e);
            }
            if (e.isThrottlingException() || "RequestLimitExceeded".equals(code)) {
                return new AwsFailure(AwsFailure.Kind.OTHER, msg + " (still throttled after retrying)",
                        "AWS is limiting this account's calls (other tools may be making many): run the command again in a few minutes", e);
            }
            if (e.statusCode() >= 500) {
                return new AwsFailure(AwsFailure.Kind.OTHER, msg + " (an error on AWS's side, still there after retrying)",
                        "run the command again in a few minutes; if it keeps failing, check the AWS Health Dashboard for the region", e);
            }
            return new AwsFailure(AwsFailure.Kind.OTHER, msg, null, e);
        }
        if (t instanceof SdkClientException e && e.getMessage() != null && e.getMessage().contains("Unable to load credentials")) {
            // Not about any one call: the parallel refresh would otherwise name whichever read failed first.
            return new AwsFailure(AwsFailure.Kind.PERMISSION, "no AWS credentials found (the SDK's default chain and any --profile gave none)",
                    "run 'aws configure' (or set AWS_PROFILE / pass --profile), or rehearse everything on the simulated AWS with --simulate", e);
        }
        if (t instanceof SdkClientException e) {
            return new AwsFailure(AwsFailure.Kind.OTHER, "while " + doing + ": " + dev.gantry.text.Untrusted.text(e.getMessage()),
                    "check your network and --endpoint-url, then run the command again", e);
        }
        return new AwsFailure(AwsFailure.Kind.OTHER, "while " + doing + ": " + t, null, t);
    }
}
