package dev.gantry.aws;

import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.time.Duration;

/**
 * When nothing answered at the endpoint (after the retries {@link RetryPolicy} allows), the SDK
 * says "Unable to execute HTTP request: Connection refused" or "Client execution did not complete
 * before the specified timeout configuration: 30000 millis" without saying where it tried. This
 * names the endpoint, which is what a person needs to see a typo in --endpoint-url or a wedged
 * emulator or proxy.
 */
final class NameUnreachableEndpoint implements ExecutionInterceptor {
    private static final ExecutionAttribute<Integer> ATTEMPTS = new ExecutionAttribute<>("gantry.attempts");

    private final RealAws.Timeouts timeouts;

    NameUnreachableEndpoint(RealAws.Timeouts timeouts) { this.timeouts = timeouts; }

    @Override public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Integer n = attributes.getAttribute(ATTEMPTS);
        attributes.putAttribute(ATTEMPTS, n == null ? 1 : n + 1);
    }

    @Override public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable t = context.exception();
        if (!RetryPolicy.noAnswer(t) && !(t instanceof ApiCallTimeoutException) || context.httpRequest().isEmpty()) return t;
        var r = context.httpRequest().get();
        String endpoint = r.protocol() + "://" + r.host() + (r.port() > 0 ? ":" + r.port() : "");
        if (RetryPolicy.unreachable(t)) return unreachable(endpoint, t);
        Integer attempts = attributes.getAttribute(ATTEMPTS);
        boolean whole = t instanceof ApiCallTimeoutException;
        SdkClientException named = silent(endpoint, whole ? timeouts.call() : timeouts.attempt(), whole, attempts == null ? 1 : attempts, t);
        // The SDK wants an exception of the class it gave (its retry and timeout logic looks at it).
        if (whole) return ApiCallTimeoutException.builder().message(named.getMessage()).cause(t).build();
        if (t instanceof ApiCallAttemptTimeoutException) return ApiCallAttemptTimeoutException.builder().message(named.getMessage()).cause(t).build();
        return t.getClass() == SdkClientException.class ? named : t;
    }

    /** The exception gantry reports for an endpoint nothing answered at. */
    static SdkClientException unreachable(String endpoint, Throwable cause) {
        return SdkClientException.builder().message("cannot reach " + endpoint + ": " + root(cause)).cause(cause).build();
    }

    /**
     * The exception gantry reports for an endpoint that took the connection and did not answer:
     * within {@code limit} per attempt, or ({@code whole}) within {@code limit} for the whole call.
     */
    static SdkClientException silent(String endpoint, Duration limit, boolean whole, int attempts, Throwable cause) {
        String tries = attempts + (attempts == 1 ? " attempt" : " attempts");
        String message = whole ? endpoint + " did not finish the call within " + seconds(limit) + " (" + tries + ")"
                : endpoint + " accepted the connection but did not answer (none within " + seconds(limit) + ", " + tries + ")";
        return SdkClientException.builder().message(message).cause(cause).build();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String root(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        String m = c.getMessage();
        return m == null || m.isBlank() ? c.getClass().getSimpleName() : m;
    }
}
