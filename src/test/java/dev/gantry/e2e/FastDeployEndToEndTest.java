package dev.gantry.e2e;

import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.CriticalPath;
import dev.gantry.plan.Address;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shorter graph of issue 24 on the simulated AWS with realistic timings: what can go ahead
 * while the load balancer provisions does, and the summary says where the time went. (How long
 * it takes is bench/run's to print, never a test's to assert.)
 */
class FastDeployEndToEndTest {
    private static Duration doneAt(List<ApplyEvent> events, String address) {
        return events.stream().filter(e -> e instanceof ApplyEvent.Done d && d.change().address().equals(Address.parse(address)))
                .map(ApplyEvent::at).findFirst().orElseThrow();
    }

    private static Duration startedAt(List<ApplyEvent> events, String address) {
        return events.stream().filter(e -> e instanceof ApplyEvent.Started s && s.change().address().equals(Address.parse(address)))
                .map(ApplyEvent::at).findFirst().orElseThrow();
    }

    @Test
    void listenersTargetGroupAndServiceAreMadeWhileTheLoadBalancerProvisions() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult r = h.apply(spec);
        assertThat(r.ok()).as(r.failures().toString()).isTrue();

        Duration lbActive = doneAt(h.events, "load-balancer.main");
        assertThat(lbActive).isGreaterThanOrEqualTo(h.world.latency.loadBalancer());
        assertThat(doneAt(h.events, "listener.https")).isLessThan(lbActive);
        assertThat(doneAt(h.events, "listener.http")).isLessThan(lbActive);
        assertThat(startedAt(h.events, "service.main")).isLessThan(lbActive);
        assertThat(startedAt(h.events, "dns-record.main")).isLessThan(lbActive);

        CriticalPath path = r.criticalPath();
        assertThat(path.waits()).extracting(CriticalPath.Wait::what).containsExactly("load balancer provisioning", "first health checks");
        assertThat(path.lever()).startsWith("none gantry can take");
        assertThat(r.simulatedTime()).isTrue();
    }

    @Test
    void aWorkersRolloutIsNotSaidToWaitForHealthChecks() {
        Spec spec = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).ok()).isTrue();
        ApplyResult r = h.apply(spec.withTask(spec.task().withImage(spec.task().image() + "-next")));
        assertThat(r.ok()).as(r.failures().toString()).isTrue();
        assertThat(r.criticalPath().waits()).extracting(CriticalPath.Wait::what).containsExactly("tasks starting", "old tasks stopping");
        assertThat(h.events).noneMatch(e -> e instanceof ApplyEvent.Waiting w && w.waitingFor().contains("health check"));
    }

    @Test
    void anImageUpdatesPathIsTheRolloutsPhases() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).ok()).isTrue();
        ApplyResult r = h.apply(spec.withTask(spec.task().withImage(spec.task().image() + "-next")));
        assertThat(r.ok()).as(r.failures().toString()).isTrue();
        assertThat(r.criticalPath().waits()).extracting(CriticalPath.Wait::what)
                .containsExactly("tasks starting", "first health checks", "old tasks draining and stopping");
        // The old tasks drained for the template's deregistration delay before they were stopped.
        Duration draining = r.criticalPath().waits().get(2).took();
        assertThat(draining).isGreaterThanOrEqualTo(Duration.ofSeconds(spec.loadBalancer().deregistrationDelay()));
    }
}
