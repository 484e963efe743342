package dev.gantry.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wall-clock time on a bounded pool (AWS calls block, so a few threads give the parallelism).
 * {@code speed} > 1 compresses time: the simulated AWS's minutes pass in seconds for a live demo.
 */
public final class RealScheduler implements Scheduler {
    private final ScheduledExecutorService pool;
    private final double speed;
    private final Instant origin;
    private final long startNanos = System.nanoTime();
    /** Fails when a task throws; replaced once a wait has reported it. */
    private final java.util.concurrent.atomic.AtomicReference<CompletableFuture<Void>> broken =
            new java.util.concurrent.atomic.AtomicReference<>(new CompletableFuture<>());

    public RealScheduler(int threads, double speed, Instant origin) {
        this.pool = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "gantry-worker");
            t.setDaemon(true);
            return t;
        });
        this.speed = speed;
        this.origin = origin;
    }

    public RealScheduler(int threads) { this(threads, 1.0, Instant.now()); }

    @Override public Instant now() {
        long elapsed = (long) ((System.nanoTime() - startNanos) * speed);
        return origin.plusNanos(elapsed);
    }

    @Override public void schedule(Duration delay, Runnable task) {
        long nanos = (long) (Math.max(0, delay.toNanos()) / speed);
        pool.schedule(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                // The pool would keep this in a future nobody reads, and await would wait forever.
                broken.get().completeExceptionally(t);
            }
        }, nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Waits for {@code done}, or until a task throws what nobody caught: then the run cannot finish
     * (the work that would complete {@code done} is gone), so it ends with that error. The error is
     * reported to one wait (the one in progress, or the next if none is); later waits (releasing
     * the lock, say) run normally.
     */
    @Override public <T> T await(CompletableFuture<T> done) {
        CompletableFuture<Void> failure = broken.get();
        try {
            CompletableFuture.anyOf(done, failure).exceptionally(e -> null).get();
            if (!done.isDone() && failure.isCompletedExceptionally()) {
                broken.compareAndSet(failure, new CompletableFuture<>()); // reported once, here
                Throwable t = failure.handle((v, e) -> e).join();
                throw new IllegalStateException("internal error in gantry, so the run stopped: " + t
                        + " (run the same command again to continue; JAVA_OPTS=-Dgantry.debug=true shows where it came from)", t);
            }
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override public void close() { pool.shutdownNow(); }
}
