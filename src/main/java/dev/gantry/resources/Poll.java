package dev.gantry.resources;

import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Observed;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waiting for AWS without sleeping. Polls start fast and back off to {@link #MAX_INTERVAL}, so a
 * wait overshoots AWS's real readiness by a few seconds at most (this bounds apply's makespan
 * against the critical path of AWS's own waits).
 */
public final class Poll {
    public static final Duration FIRST_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(5);

    private Poll() {}

    /**
     * Calls {@code check} until it returns a result. {@code check} may throw {@link AwsFailure} to
     * stop waiting (the resource failed). After {@code timeout}, fails with {@code timeoutFix}.
     */
    public static Step until(ResourceContext ctx, String waitingFor, Duration timeout, String timeoutFix,
                             Supplier<Optional<Observed>> check) {
        Instant deadline = ctx.time().now().plus(timeout);
        return new Step() {
            Duration interval = FIRST_INTERVAL;

            @Override public StepResult run() {
                Optional<Observed> ready = check.get();
                if (ready.isPresent()) return StepResult.done(ready.get());
                if (ctx.time().now().isAfter(deadline)) {
                    throw new AwsFailure(AwsFailure.Kind.TIMEOUT,
                            "gave up after " + timeout.toMinutes() + " minutes waiting for " + waitingFor, timeoutFix);
                }
                Duration wait = interval;
                interval = interval.multipliedBy(2).compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : interval.multipliedBy(2);
                return StepResult.waitThen(wait, waitingFor, this);
            }
        };
    }
}
