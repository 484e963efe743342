package dev.gantry.aws.sim;

import dev.gantry.aws.RetryPolicy;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.util.function.Supplier;

/**
 * The real SDK client retries throttling and 5xx itself before gantry ever sees an error, as
 * {@link RetryPolicy} configures it. The simulated clients are not SDK clients, so {@link SimWorld}
 * runs every simulated call through {@link #attempts} under the same policy: the same attempts,
 * the same errors retried, the same retry budget per account; no waiting (time is the scheduler's,
 * and the faults do not depend on it), and every attempt is a call of its own (counted, and
 * subject to faults).
 */
final class SdkRetries {
    private SdkRetries() {}

    /** Runs {@code attempt} as {@code strategy} says: until it returns, fails for good, or attempts run out. */
    static <T> T attempts(RetryStrategy strategy, Supplier<T> attempt) {
        return RetryPolicy.run(strategy, "simulated", attempt, pause -> { });
    }
}
