package dev.gantry.aws.sim;

import dev.gantry.aws.AwsErrors;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The real SDK client retries throttling and 5xx itself before gantry ever sees an error
 * (gantry configures up to {@link #MAX_ATTEMPTS} attempts). The simulated clients are not SDK
 * clients, so this proxy gives them the same behaviour; every attempt still counts as a call.
 */
final class SdkRetries {
    static final int MAX_ATTEMPTS = 8;

    private SdkRetries() {}

    @SuppressWarnings("unchecked")
    static <T> T wrap(Class<T> type, T client) {
        InvocationHandler h = (proxy, method, args) -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    return method.invoke(client, args);
                } catch (InvocationTargetException e) {
                    Throwable cause = e.getCause();
                    if (attempt < MAX_ATTEMPTS && AwsErrors.retryable(cause)) continue;
                    throw cause;
                }
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, h);
    }
}
