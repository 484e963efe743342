package dev.gantry.time;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wall-clock scheduler on an injected fast pace (a simulated hour passes in a few
 * milliseconds), so nothing here waits long and nothing asserts how long anything took.
 */
class RealSchedulerTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final double FAST = 1_000_000;
    RealScheduler s;

    @AfterEach void stop() { if (s != null) s.close(); }

    @Test void scheduled_work_runs_on_a_worker_no_earlier_than_its_delay() {
        s = new RealScheduler(2, FAST, T0);
        CompletableFuture<String> done = new CompletableFuture<>();
        s.schedule(Duration.ofMinutes(10), () -> done.complete(Thread.currentThread().getName() + " at " + s.now()));
        String result = s.await(done);
        assertThat(result).startsWith("gantry-worker at ");
        Instant ranAt = Instant.parse(result.substring("gantry-worker at ".length()));
        assertThat(ranAt).isAfterOrEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(s.now()).isAfterOrEqualTo(ranAt);
    }

    @Test void many_tasks_share_the_bounded_pool_of_daemon_workers() {
        s = new RealScheduler(2, FAST, T0);
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        AtomicInteger left = new AtomicInteger(50);
        CompletableFuture<Void> done = new CompletableFuture<>();
        for (int i = 0; i < 50; i++) {
            s.schedule(Duration.ofSeconds(i), () -> {
                workers.add(Thread.currentThread());
                if (left.decrementAndGet() == 0) done.complete(null);
            });
        }
        s.await(done);
        assertThat(workers).hasSizeBetween(1, 2).allMatch(Thread::isDaemon);
    }

    @Test void work_can_schedule_more_work_and_await_waits_for_the_end_of_the_chain() {
        s = new RealScheduler(2, FAST, T0);
        CompletableFuture<Integer> done = new CompletableFuture<>();
        s.schedule(Duration.ofSeconds(30), () -> s.schedule(Duration.ofSeconds(30), () -> done.complete(2)));
        assertThat(s.await(done)).isEqualTo(2);
        assertThat(s.now()).isAfterOrEqualTo(T0.plus(Duration.ofMinutes(1)));
    }

    @Test void a_failure_reaches_the_caller_as_thrown() {
        s = new RealScheduler(1, FAST, T0);
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        CompletableFuture<Void> done = new CompletableFuture<>();
        s.schedule(Duration.ofSeconds(1), () -> done.completeExceptionally(boom));
        assertThatThrownBy(() -> s.await(done)).isSameAs(boom);
        assertThatThrownBy(() -> s.await(CompletableFuture.failedFuture(new java.io.IOException("disk"))))
                .isInstanceOf(IllegalStateException.class).hasRootCauseMessage("disk");
    }

    @Test void an_interrupted_await_stops_and_keeps_the_interrupt() {
        s = new RealScheduler(1, FAST, T0);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> s.await(new CompletableFuture<>())).isInstanceOf(IllegalStateException.class).hasMessage("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test void the_clock_starts_at_its_origin_and_never_runs_backwards() {
        s = new RealScheduler(1, 1.0, T0);
        Instant first = s.now();
        assertThat(first).isAfterOrEqualTo(T0).isBefore(T0.plus(Duration.ofHours(1)));
        assertThat(s.now()).isAfterOrEqualTo(first);
    }
}
