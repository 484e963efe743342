package dev.gantry.engine;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Planner;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.resources.ProgressSink;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;
import dev.gantry.time.RealScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** On the real thread pool, an exception no step caught ends the run with a clear error instead of a hang. */
class UncaughtStepErrorTest {
    @Test void a_task_that_throws_ends_the_wait_with_its_error() {
        RealScheduler pool = new RealScheduler(2);
        try {
            pool.schedule(Duration.ZERO, () -> { throw new IllegalStateException("a view bug"); });
            assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(30), () -> pool.await(new CompletableFuture<>())))
                    .hasMessageContaining("internal error in gantry").hasMessageContaining("a view bug");
            // Later waits (the lock's release, say) work as usual.
            CompletableFuture<String> later = new CompletableFuture<>();
            pool.schedule(Duration.ZERO, () -> later.complete("released"));
            assertThat(pool.await(later)).isEqualTo("released");
        } finally {
            pool.close();
        }
    }

    @Test void a_listener_that_throws_outside_a_steps_try_stops_the_executor() {
        RealScheduler pool = new RealScheduler(2);
        try {
            FakeType type = new FakeType("fast", 1, Duration.ZERO, pool);
            Spec spec = new Spec(1, "demo", "us-east-1", null, null, null, Task.of("nginx:1.27", 80), null, null, null, null);
            ResourceContext ctx = new ResourceContext(null, spec, "123456789012", pool, SecretValues.none(), ProgressSink.NONE);
            Desired a = Desired.managed(Address.of("fast", "a"), Piece.NETWORK, "fast a", FakeType.props("v", 1), Set.of());
            Plan plan = Planner.plan("demo", List.of(a), Map.of(), new Planner.TypeRules() {
            public Piece piece(String t) { return Piece.NETWORK; }
            public String noun(String t) { return t; }
                public Set<String> replaceOn(String t) { return Set.of(); }
                public boolean canUpdate(String t) { return true; }
            });
            ApplyListener broken = e -> { if (e instanceof ApplyEvent.Done) throw new IllegalStateException("the view could not draw"); };
            Executor executor = new Executor(new Catalog(List.of(type)), ctx, pool, broken, pool.now(), Map.of(), new AtomicBoolean());
            assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(30), () -> executor.run(plan)))
                    .hasMessageContaining("internal error in gantry").hasMessageContaining("the view could not draw");
        } finally {
            pool.close();
        }
    }
}
