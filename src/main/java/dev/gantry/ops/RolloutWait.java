package dev.gantry.ops;

import dev.gantry.aws.AwsErrors;
import dev.gantry.diagnose.Diagnosis;
import dev.gantry.diagnose.Explainer;
import dev.gantry.diagnose.RolloutSnapshot;
import dev.gantry.diagnose.RolloutVerdict;
import dev.gantry.diagnose.RolloutWatcher;
import dev.gantry.spec.Spec;
import dev.gantry.time.Scheduler;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Watches one deployment of a service to its end on the scheduler, judged as apply's watch judges
 * it ({@link RolloutVerdict#watched}): done when the deployment is COMPLETED with
 * all its tasks running and the old one gone; failed at the first task of it that fails, or when
 * ECS marks it FAILED (circuit breaker), or after {@code timeout}.
 */
public final class RolloutWait {
    public static final Duration FIRST_POLL = Duration.ofSeconds(2);
    public static final Duration POLL = Duration.ofSeconds(5);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    /**
     * {@code diagnosis} says why it failed; both false and null when the watch was stopped
     * (Ctrl-C) before the deployment ended.
     */
    public record Result(boolean completed, Diagnosis diagnosis, Duration took, RolloutSnapshot last) {
        public boolean stopped() { return !completed && diagnosis == null; }
    }

    private RolloutWait() {}

    public static Result watch(EcsClient ecs, Spec spec, String cluster, String service, String deploymentId,
                               Scheduler scheduler, Consumer<RolloutSnapshot> progress, Duration timeout,
                               CompletableFuture<?> stop) {
        RolloutWatcher watcher = new RolloutWatcher(ecs, cluster, service);
        Explainer.Context explain = Explainer.Context.of(spec);
        Instant start = scheduler.now();
        // Failures from before this watch belong to an earlier deployment; the margin absorbs clock skew with AWS.
        Instant since = start.minus(CLOCK_SKEW);
        CompletableFuture<Result> done = new CompletableFuture<>();
        Runnable[] tick = new Runnable[1];
        stop.thenRun(() -> done.complete(new Result(false, null, took(scheduler, start), null)));
        tick[0] = () -> {
            if (done.isDone()) return;
            try {
                Optional<Service> s = watcher.describe();
                if (s.isEmpty()) {
                    done.complete(new Result(false, new Diagnosis(Diagnosis.Cause.UNKNOWN,
                            "The ECS service " + service + " disappeared while gantry watched its deployment.", "",
                            java.util.List.of("run 'gantry apply' to recreate it")), took(scheduler, start), null));
                    return;
                }
                RolloutSnapshot snap = watcher.snapshot(s.get(), deploymentId, since);
                progress.accept(snap);
                RolloutVerdict verdict = RolloutVerdict.watched(snap, deploymentId, explain);
                if (verdict instanceof RolloutVerdict.Failed f) {
                    done.complete(new Result(false, f.why(), took(scheduler, start), snap));
                } else if (verdict instanceof RolloutVerdict.Completed) {
                    done.complete(new Result(true, null, took(scheduler, start), snap));
                } else if (!scheduler.now().isBefore(start.plus(timeout))) {
                    done.complete(new Result(false, RolloutVerdict.timedOut(snap, deploymentId, timeout, explain).why(), took(scheduler, start), snap));
                } else {
                    scheduler.schedule(POLL, tick[0]);
                }
            } catch (RuntimeException e) {
                if (AwsErrors.retryable(e)) scheduler.schedule(POLL, tick[0]);
                else done.completeExceptionally(AwsErrors.translate("watching the deployment of " + service, e));
            }
        };
        scheduler.schedule(FIRST_POLL, tick[0]);
        return scheduler.await(done);
    }

    private static Duration took(Scheduler scheduler, Instant start) { return Duration.between(start, scheduler.now()); }
}
