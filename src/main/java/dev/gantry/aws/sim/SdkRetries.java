package dev.gantry.aws.sim;

import dev.gantry.aws.AwsErrors;

import java.util.function.Supplier;

/**
 * The real SDK client retries throttling and 5xx itself before gantry ever sees an error. The
 * simulated clients are not SDK clients, so {@link SimWorld} runs every simulated call through
 * {@link #attempts}: the same number of attempts, no waiting (time is the scheduler's), and every
 * attempt is a call of its own (counted, and subject to faults).
 */
final class SdkRetries {
    /** Attempts per call: the retry strategy gantry configures on its real SDK clients (RealAws). */
    static final int MAX_ATTEMPTS = 8;

    private SdkRetries() {}

    /** Runs {@code attempt} until it returns, fails with something not retryable, or attempts run out. */
    static <T> T attempts(Supplier<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                if (n >= MAX_ATTEMPTS || !AwsErrors.retryable(e)) throw e;
            }
        }
    }
}
