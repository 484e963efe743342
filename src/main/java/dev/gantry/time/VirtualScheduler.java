package dev.gantry.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Discrete-event time: one thread runs tasks in time order and jumps the clock to the next one.
 * Deterministic; used by tests, the benchmark and {@code --simulate}.
 */
public final class VirtualScheduler implements Scheduler {
    private record Item(Instant at, long seq, Runnable task) {}

    private final PriorityQueue<Item> queue = new PriorityQueue<>((a, b) -> {
        int c = a.at.compareTo(b.at);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private Instant now;
    private long seq;

    public VirtualScheduler(Instant start) { this.now = start; }

    public VirtualScheduler() { this(Instant.parse("2026-01-01T00:00:00Z")); }

    @Override public synchronized Instant now() { return now; }

    /** Move the clock forward without running anything (a test standing in for the world's time passing). */
    public synchronized void advance(Duration d) { now = now.plus(d); }

    @Override public synchronized void schedule(Duration delay, Runnable task) {
        queue.add(new Item(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task));
    }

    @Override public <T> T await(CompletableFuture<T> done) {
        while (!done.isDone()) {
            Item next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) break;
                if (next.at.isAfter(now)) now = next.at;
            }
            next.task.run();
        }
        if (!done.isDone()) throw new IllegalStateException("nothing left to run but the work is not done");
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
