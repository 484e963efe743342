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
 * provisions in about 3 minutes, a first health check comes within one interval) looks only when
 * it is likely done: at 80 % and 90 % of that length and at the length itself, at least
 * {@link #FIRST_INTERVAL} apart; earlier looks could only say "not yet". Past it, and for a wait of
 * unknown length from the start, looks back off from 1 s to {@link #MAX_INTERVAL}. So a wait that
 * takes its typical time is seen at once, one that ends a little early at most a tenth of it late,
 * one that runs over within a few seconds, with three or four reads where fixed polling would make
 * dozens (docs/timings.md lists each wait's typical length).
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
        /** Where a wait that typically takes T looks before T: at these tenths of it (then at T). */
        private static final int[] NEAR_TENTHS = {8, 9};

        private final Duration typical;
        private Duration interval = FIRST_INTERVAL;

        public Backoff(Duration typical) { this.typical = typical; }

        /** {@code elapsed}: how long the wait has run so far. */
        public Duration next(Duration elapsed) {
            Duration left = typical.minus(elapsed);
            if (!left.isNegative() && !left.isZero()) {
                for (int tenths : NEAR_TENTHS) {
                    Duration at = typical.multipliedBy(tenths).dividedBy(10);
                    if (at.minus(elapsed).compareTo(FIRST_INTERVAL) >= 0 && typical.minus(at).compareTo(FIRST_INTERVAL) >= 0) {
                        return at.minus(elapsed);
                    }
                }
                return left;
            }
            Duration wait = interval;
            interval = interval.multipliedBy(2).compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : interval.multipliedBy(2);
            return wait;
        }
    }
}
