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
        pool.schedule(task, nanos, TimeUnit.NANOSECONDS);
    }

    @Override public <T> T await(CompletableFuture<T> done) {
        try {
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
