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
            // The SDK's conveniences (a Consumer of the request builder, a paginator's pages) call the
            // request method: through this proxy, so each real call is retried once, as on AWS.
            if (method.isDefault() && !overridden(client, method)) return InvocationHandler.invokeDefault(proxy, method, args);
            if (args != null && args.length == 1 && RetryPolicy.oneTry(args[0])) return invoke(method, client, args);
            return RetryPolicy.run(strategy, type.getSimpleName(), () -> invoke(method, client, args), pause -> { });
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, h);
    }

    private static boolean overridden(Object client, java.lang.reflect.Method method) {
        try {
            return !client.getClass().getMethod(method.getName(), method.getParameterTypes()).isDefault();
        } catch (NoSuchMethodException e) {
            return false;
        }
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
