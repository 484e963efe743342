package dev.gantry.time;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Runs work now or later. The engine never sleeps a thread: it asks the scheduler to call it back,
 * so the same code runs on a real thread pool against AWS and on virtual time in tests, where a
 * ten-minute wait costs nothing and a deploy's makespan is exact.
 */
public interface Scheduler extends TimeSource {
    /** Run {@code task} after {@code delay} (zero: as soon as a worker is free). */
    void schedule(Duration delay, Runnable task);

    /** Block the caller until {@code done} completes, driving the work if the scheduler needs it. */
    <T> T await(CompletableFuture<T> done);

    /** Whether its clock is virtual, so the durations it measures are simulated time, not wall time. */
    default boolean simulated() { return false; }

    /** Stop worker threads, if any. */
    default void close() {}
}
