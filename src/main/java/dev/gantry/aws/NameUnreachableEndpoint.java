package dev.gantry.aws;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * When nothing answered at the endpoint (after the retries {@link RetryPolicy} allows), the SDK
 * says "Unable to execute HTTP request: Connection refused" without saying where it tried. This
 * names the endpoint, which is what a person needs to see a typo in --endpoint-url.
 */
final class NameUnreachableEndpoint implements ExecutionInterceptor {
    @Override public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable t = context.exception();
        if (!RetryPolicy.unreachable(t) || context.httpRequest().isEmpty()) return t;
        var r = context.httpRequest().get();
        String endpoint = r.protocol() + "://" + r.host() + (r.port() > 0 ? ":" + r.port() : "");
        return unreachable(endpoint, t);
    }

    /** The exception gantry reports for an endpoint nothing answered at. */
    static SdkClientException unreachable(String endpoint, Throwable cause) {
        return SdkClientException.builder().message("cannot reach " + endpoint + ": " + root(cause)).cause(cause).build();
    }

    private static String root(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        String m = c.getMessage();
        return m == null || m.isBlank() ? c.getClass().getSimpleName() : m;
    }
}
