package dev.gantry.aws.sim;

import dev.gantry.aws.RetryPolicy;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The real SDK client retries throttling and 5xx itself before gantry ever sees an error, as
 * {@link RetryPolicy} configures it. The simulated clients are not SDK clients, so this proxy runs
 * each call under the same policy (same attempts, same errors retried, same retry budget per
 * client); every attempt still counts as a call. The pauses are skipped: the simulated AWS's
 * faults do not depend on time.
 */
final class SdkRetries {
    private SdkRetries() {}

    @SuppressWarnings("unchecked")
    static <T> T wrap(Class<T> type, T client) {
        RetryStrategy strategy = RetryPolicy.strategy();
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class || method.getName().equals("close")) return invoke(method, client, args);
            // A paginator makes its calls later, page by page: through this proxy, so each page retries as on AWS.
            if (method.isDefault() && method.getName().endsWith("Paginator")) return InvocationHandler.invokeDefault(proxy, method, args);
            return RetryPolicy.run(strategy, type.getSimpleName(), () -> invoke(method, client, args), pause -> { });
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, h);
    }

    /** Calls through reflection, rethrowing what the method itself threw. */
    private static Object invoke(java.lang.reflect.Method method, Object client, Object[] args) {
        try {
            return method.invoke(client, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
