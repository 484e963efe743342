package dev.gantry.resources;

import dev.gantry.aws.AwsErrors;
import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Observed;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waiting for AWS without sleeping. A wait whose typical length is known (a load balancer
 * provisions in about 3 minutes) looks rarely at first and ever more often as that time nears:
 * each look halves what is left of it, down to {@link #FIRST_INTERVAL}. From then on, and for a
 * wait of unknown length from the start, looks back off from 1 s to {@link #MAX_INTERVAL}. So a
 * wait overshoots AWS's real readiness by a few seconds at most, with a handful of reads where
 * fixed polling would make dozens (docs/timings.md lists each wait's typical length).
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
        return until(ctx, waitingFor, Duration.ZERO, timeout, timeoutFix, check);
    }

    /** As above, for a wait that typically takes {@code typical} from now. */
    public static Step until(ResourceContext ctx, String waitingFor, Duration typical, Duration timeout, String timeoutFix,
                             Supplier<Optional<Observed>> check) {
        return polling(ctx, waitingFor, typical, timeout, timeoutFix, check, true);
    }

    /**
     * As above, for a wait the caller knows has not ended yet (AWS has just answered the create
     * with "provisioning", "pending"): its first look comes after the first pause, where a look
     * at once could only read what the answer already said. The looks that follow are the same.
     */
    public static Step after(ResourceContext ctx, String waitingFor, Duration typical, Duration timeout, String timeoutFix,
                             Supplier<Optional<Observed>> check) {
        return polling(ctx, waitingFor, typical, timeout, timeoutFix, check, false);
    }

    private static Step polling(ResourceContext ctx, String waitingFor, Duration typical, Duration timeout, String timeoutFix,
                                Supplier<Optional<Observed>> check, boolean lookNow) {
        Instant begun = ctx.time().now();
        Instant deadline = begun.plus(timeout);
        return new Step() {
            Backoff backoff = new Backoff(typical);
            boolean look = lookNow;

            @Override public StepResult run() {
                if (!look) {
                    look = true;
                    return StepResult.waitThen(backoff.next(Duration.between(begun, ctx.time().now())), waitingFor, this);
                }
                Optional<Observed> ready = check.get();
                if (ready.isPresent()) return StepResult.done(ready.get());
                if (ctx.time().now().isAfter(deadline)) {
                    throw new AwsFailure(AwsFailure.Kind.TIMEOUT,
                            "gave up after " + timeout.toMinutes() + " minutes waiting for " + waitingFor, timeoutFix);
                }
                return StepResult.waitThen(backoff.next(Duration.between(begun, ctx.time().now())), waitingFor, this);
            }
        };
    }

    /**
     * How long a delete waits while AWS says the resource is still in use: AWS releases the network
     * interfaces of a deleted load balancer or NAT gateway minutes later, and its own consoles wait
     * as long before they give up.
     */
    public static final Duration IN_USE_PATIENCE = Duration.ofMinutes(15);
    /** How often a delete that met "still in use" tries again. */
    static final Duration IN_USE_RETRY = Duration.ofSeconds(5);
    static final String IN_USE = "AWS to release what still uses it";

    /**
     * {@code delete}, tried again every {@link #IN_USE_RETRY} while it fails because something
     * still uses the resource (a {@link AwsFailure.Kind#CONFLICT}: DependencyViolation, ResourceInUse),
     * for up to {@link #IN_USE_PATIENCE} from the first such answer; then, or when the run is
     * stopping ({@link ProgressSink#stopping}), that failure stands. Any other failure ends it at once.
     * The waits {@code delete} itself returns pass through unchanged.
     */
    public static Step whileInUse(ResourceContext ctx, Step delete) {
        return whileInUse(ctx, delete, new Instant[1]);
    }

    private static Step whileInUse(ResourceContext ctx, Step step, Instant[] firstInUse) {
        return () -> {
            StepResult r;
            try {
                r = step.run();
            } catch (Exception e) {
                if (AwsErrors.translate("deleting", e).kind() != AwsFailure.Kind.CONFLICT || ctx.progress().stopping()) throw e;
                Instant now = ctx.time().now();
                if (firstInUse[0] == null) firstInUse[0] = now;
                if (Duration.between(firstInUse[0], now).compareTo(IN_USE_PATIENCE) >= 0) throw e;
                return StepResult.waitThen(IN_USE_RETRY, IN_USE, whileInUse(ctx, step, firstInUse));
            }
            if (r instanceof StepResult.Wait w) return StepResult.waitThen(w.after(), w.waitingFor(), whileInUse(ctx, w.next(), firstInUse));
            return r;
        };
    }

    /** The pause before each next look of one wait. */
    public static final class Backoff {
        private final Duration typical;
        private Duration interval = FIRST_INTERVAL;

        public Backoff(Duration typical) { this.typical = typical; }

        /** {@code elapsed}: how long the wait has run so far. */
        public Duration next(Duration elapsed) {
            Duration left = typical.minus(elapsed);
            if (left.compareTo(FIRST_INTERVAL.multipliedBy(2)) > 0) return left.dividedBy(2);
            Duration wait = interval;
            interval = interval.multipliedBy(2).compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : interval.multipliedBy(2);
            return wait;
        }
    }
}
