package dev.gantry.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Discrete-event time: order, clock jumps, and what await does when work runs out or fails. */
class VirtualSchedulerTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    final VirtualScheduler s = new VirtualScheduler(T0);
    final List<String> ran = new ArrayList<>();

    Runnable note(String name) { return () -> ran.add(name + "@" + Duration.between(T0, s.now()).toSeconds()); }

    @Test void work_runs_in_time_order_and_ties_in_the_order_scheduled_with_the_clock_jumping_to_each() {
        CompletableFuture<String> done = new CompletableFuture<>();
        s.schedule(Duration.ofMinutes(10), () -> { note("last").run(); done.complete("ok"); });
        s.schedule(Duration.ofSeconds(30), note("b"));
        s.schedule(Duration.ZERO, note("a"));
        s.schedule(Duration.ofSeconds(30), note("c"));
        s.schedule(Duration.ofSeconds(-5), note("now"));

        assertThat(s.now()).isEqualTo(T0);
        assertThat(s.await(done)).isEqualTo("ok");
        assertThat(ran).containsExactly("a@0", "now@0", "b@30", "c@30", "last@600");
        assertThat(s.now()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    }

    @Test void work_scheduled_by_work_runs_relative_to_the_clock_of_the_moment() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        s.schedule(Duration.ofSeconds(5), () -> s.schedule(Duration.ofSeconds(5), () -> s.schedule(Duration.ofSeconds(5), () -> done.complete(null))));
        s.await(done);
        assertThat(s.now()).isEqualTo(T0.plusSeconds(15));
    }

    @Test void await_returns_once_its_work_is_done_and_leaves_later_work_queued() {
        CompletableFuture<Integer> first = new CompletableFuture<>();
        s.schedule(Duration.ofSeconds(1), () -> first.complete(1));
        s.schedule(Duration.ofHours(1), note("later"));
        assertThat(s.await(first)).isEqualTo(1);
        assertThat(s.now()).isEqualTo(T0.plusSeconds(1));
        assertThat(ran).isEmpty();

        CompletableFuture<Void> second = new CompletableFuture<>();
        s.schedule(Duration.ofHours(2), () -> second.complete(null));
        s.await(second);
        assertThat(ran).containsExactly("later@3600");
    }

    @Test void advance_moves_the_clock_without_running_anything_and_due_work_does_not_move_it_back() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        s.schedule(Duration.ofSeconds(10), () -> done.complete(null));
        s.advance(Duration.ofMinutes(1));
        assertThat(ran).isEmpty();
        s.await(done);
        assertThat(s.now()).isEqualTo(T0.plusSeconds(60));
    }

    @Test void an_await_with_nothing_left_to_run_says_so_rather_than_hanging() {
        assertThatThrownBy(() -> s.await(new CompletableFuture<>()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nothing left to run");
    }

    @Test void a_failure_reaches_the_caller_as_thrown() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        s.schedule(Duration.ofSeconds(1), () -> done.completeExceptionally(boom));
        assertThatThrownBy(() -> s.await(done)).isSameAs(boom);

        CompletableFuture<Void> checked = CompletableFuture.failedFuture(new java.io.IOException("disk"));
        assertThatThrownBy(() -> s.await(checked)).isInstanceOf(IllegalStateException.class).hasRootCauseMessage("disk");
    }

    @Test void paced_time_ends_where_unpaced_time_does() {
        // A pace so fast the jumps cost nanoseconds: only where the clock lands is checked, never how long it took.
        VirtualScheduler paced = new VirtualScheduler(T0, 1e9);
        CompletableFuture<Instant> done = new CompletableFuture<>();
        paced.schedule(Duration.ofMinutes(3), () -> paced.schedule(Duration.ofMinutes(2), () -> done.complete(paced.now())));
        assertThat(paced.await(done)).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(paced.now()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }
}
