package dev.gantry.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Discrete-event time: one thread runs tasks in time order and jumps the clock to the next one.
 * Deterministic; used by tests and the benchmark. With a {@code speed}, jumps are paced in real
 * time (a jump of 30 s takes one second at speed 30) and the clock reads smoothly in between:
 * that is {@code --simulate}, where calls cost no simulated time however slow the machine is.
 */
public final class VirtualScheduler implements Scheduler {
    private record Item(Instant at, long seq, Runnable task) {}

    private final PriorityQueue<Item> queue = new PriorityQueue<>((a, b) -> {
        int c = a.at.compareTo(b.at);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private Instant now;
    private long seq;
    private final double speed;
    private Instant pacingTo;
    private long pacingStartNanos;

    public VirtualScheduler(Instant start) { this(start, 0); }

    /** {@code speed} 0: jump at once (tests); otherwise simulated seconds per real second. */
    public VirtualScheduler(Instant start, double speed) {
        this.now = start;
        this.speed = speed;
    }

    public VirtualScheduler() { this(Instant.parse("2026-01-01T00:00:00Z")); }

    @Override public synchronized Instant now() {
        if (pacingTo == null) return now;
        Instant smooth = now.plusNanos((long) ((System.nanoTime() - pacingStartNanos) * speed));
        return smooth.isAfter(pacingTo) ? pacingTo : smooth;
    }

    /** Move the clock forward without running anything (a test standing in for the world's time passing). */
    public synchronized void advance(Duration d) { now = now.plus(d); }

    /** Lets real time pass until the simulated clock reaches {@code target}. */
    private void pace(Instant target) {
        synchronized (this) {
            pacingTo = target;
            pacingStartNanos = System.nanoTime();
        }
        long nanos = (long) (Duration.between(now, target).toNanos() / speed);
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(Math.max(0, nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            pacingTo = null;
        }
    }

    @Override public synchronized void schedule(Duration delay, Runnable task) {
        queue.add(new Item(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task));
    }

    @Override public <T> T await(CompletableFuture<T> done) {
        while (!done.isDone()) {
            Item next;
            synchronized (this) {
                next = queue.peek();
                if (next == null) break;
            }
            if (speed > 0 && next.at.isAfter(now)) pace(next.at);
            synchronized (this) {
                next = queue.poll();
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

    /** Its clock jumps (or is paced): what it measures is simulated time. */
    @Override public boolean simulated() { return true; }
}
