package dev.gantry.engine;

import dev.gantry.aws.AwsErrors;
import dev.gantry.time.Scheduler;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The engine's own AWS calls, run on the scheduler (the client retries them, like every resource's calls). */
final class ScheduledCalls {
    private final Scheduler scheduler;

    ScheduledCalls(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs {@code work} on the scheduler; the client has already retried what is worth retrying. */
    <T> CompletableFuture<T> async(java.util.function.Supplier<T> work, String doing) {
        CompletableFuture<T> f = new CompletableFuture<>();
        scheduler.schedule(Duration.ZERO, () -> {
            try {
                f.complete(work.get());
            } catch (Error e) {
                f.completeExceptionally(e);
            } catch (Exception e) {
                f.completeExceptionally(e instanceof Lock.LockedException ? e : AwsErrors.translate(doing, e));
            }
        });
        return f;
    }

    /** One AWS call from the engine itself (retried by the client, like every resource's calls). */
    <T> T call(java.util.function.Supplier<T> work, String doing) {
        CompletableFuture<T> f = async(work, doing);
        try {
            return scheduler.await(f);
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }
}
