package dev.gantry.ops;

import dev.gantry.aws.AwsErrors;
import dev.gantry.time.Scheduler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Polls a {@link LogCursor} on the scheduler until {@code stop} completes (Ctrl-C, or a test at
 * a virtual time). A throttled poll is simply skipped; the next one catches up, since the cursor
 * only moves on what it returned.
 */
public final class LogFollow {
    public static final Duration INTERVAL = Duration.ofSeconds(2);

    private LogFollow() {}

    /** Blocks until {@code stop} completes; rethrows the failure of a poll that cannot be retried. */
    public static void run(LogCursor cursor, Scheduler scheduler, Duration every, Consumer<List<LogLine>> sink,
                           CompletableFuture<Void> stop) {
        scheduler.schedule(every, () -> tick(cursor, scheduler, every, sink, stop));
        scheduler.await(stop);
    }

    private static void tick(LogCursor cursor, Scheduler scheduler, Duration every, Consumer<List<LogLine>> sink,
                             CompletableFuture<Void> stop) {
        if (stop.isDone()) return;
        try {
            List<LogLine> lines = cursor.next();
            if (!lines.isEmpty() && !stop.isDone()) sink.accept(lines);
        } catch (RuntimeException e) {
            if (!AwsErrors.retryable(e)) {
                stop.completeExceptionally(e);
                return;
            }
        }
        scheduler.schedule(every, () -> tick(cursor, scheduler, every, sink, stop));
    }
}
