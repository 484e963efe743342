package dev.gantry.engine;

import dev.gantry.plan.Address;
import dev.gantry.spec.LoadBalancer;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CriticalPathTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Address LB = Address.of("load-balancer", "main"), LISTENER = Address.of("listener", "https"),
            CERT = Address.of("certificate", "main"), SERVICE = Address.of("service", "main");
    final Spec spec = new Spec(1, "demo", "us-east-1", null, null, null, Task.of("nginx:1.27", 80), null,
            LoadBalancer.defaults(), null, null);

    static Instant at(long s) { return T0.plusSeconds(s); }

    static CriticalPath.Segment wait(String what, long from, long to) { return new CriticalPath.Segment(what, at(from), at(to)); }

    @Test
    void aDependencysWaitThatEndsInsideALaterWaitIsWhatHeldItUp() {
        // The first deploy: the certificate gates the listener, the listener the service; the load
        // balancer, ready only at 185 s, gates the service's first health checks.
        List<CriticalPath.Span> spans = List.of(
                new CriticalPath.Span(LB, Set.of(), at(0), at(185), List.of(wait("the load balancer to become active", 0, 185))),
                new CriticalPath.Span(CERT, Set.of(), at(0), at(121), List.of(wait("ACM to validate and issue the certificate", 1, 121))),
                new CriticalPath.Span(LISTENER, Set.of(LB, CERT), at(121), at(121), List.of()),
                new CriticalPath.Span(SERVICE, Set.of(LISTENER), at(121), at(196), List.of(
                        wait("the new tasks to start: 0/2 tasks running", 121, 166),
                        wait("the new tasks' first health checks: 2/2 tasks running", 166, 196))));
        CriticalPath path = CriticalPath.of(spans, spec);
        assertThat(path.line()).isEqualTo("load balancer provisioning 3m05s → first health checks 11 s");
        assertThat(path.lever()).startsWith("none gantry can take: AWS provisions a new load balancer");
    }

    @Test
    void anUpdateIsItsRolloutsPhasesInOrder() {
        List<CriticalPath.Span> spans = List.of(
                new CriticalPath.Span(Address.of("task-definition", "main"), Set.of(), at(0), at(0), List.of()),
                new CriticalPath.Span(SERVICE, Set.of(Address.of("task-definition", "main")), at(0), at(82), List.of(
                        wait("the new tasks to start: 0/2 tasks running", 0, 20),
                        wait("the new tasks to start: 1/2 tasks running", 20, 46),
                        wait("the new tasks' first health checks: 2/2 tasks running", 46, 56),
                        wait("the old tasks to drain and stop: 2/2 tasks running", 56, 82))));
        CriticalPath path = CriticalPath.of(spans, spec);
        assertThat(path.waits()).extracting(CriticalPath.Wait::what)
                .containsExactly("tasks starting", "first health checks", "old tasks draining and stopping");
        assertThat(path.line()).isEqualTo("tasks starting 46 s → first health checks 10 s → old tasks draining and stopping 26 s");
        assertThat(path.lever()).isEqualTo("your tasks took about 46 s from launch to running (Fargate placing them and pulling the image): "
                + "a smaller image, or a SOCI index for it, would shorten the pull");
    }

    @Test
    void drainingSaysWhichSettingsBoundIt() {
        String lever = CriticalPath.lever(List.of(new CriticalPath.Wait("old tasks draining and stopping", Duration.ofSeconds(40)),
                new CriticalPath.Wait("tasks starting", Duration.ofSeconds(20))), spec);
        assertThat(lever).contains("loadBalancer.deregistrationDelay (15 s)").contains("task.stopTimeout (10 s)");
    }

    @Test
    void durationsReadLikeTheRestOfGantry() {
        assertThat(CriticalPath.duration(Duration.ofSeconds(185))).isEqualTo("3m05s");
        assertThat(CriticalPath.duration(Duration.ofSeconds(10))).isEqualTo("10 s");
        assertThat(CriticalPath.duration(Duration.ofMillis(2500))).isEqualTo("2.5 s");
    }

    @Test
    void nothingRanNothingToSay() {
        assertThat(CriticalPath.of(List.of(), spec)).isNull();
    }
}
