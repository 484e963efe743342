package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Removing a secret takes the execution role's read of it away only after the rollout: until then
 * tasks of the old revision (started by ECS during the rollout, or by a circuit-breaker rollback)
 * still need to read it.
 */
class SecretRemovalTest {
    private static final String HOST = "hello.example.com";

    static Spec withoutSecrets(Spec s, String image) {
        Task t = s.task();
        return s.withTask(new Task(image, t.cpu(), t.memory(), t.architecture(), t.port(), t.command(), t.environment(), Map.of(),
                t.logs(), t.registryCredentials()));
    }

    /** Reasons of every stopped task of the service that failed to read a secret. */
    private static List<String> secretFailures(SimHarness h) {
        return h.world.state.ecs.tasks.values().stream().map(t -> t.stoppedReason)
                .filter(r -> r != null && r.contains("unable to retrieve secret")).toList();
    }

    private static void runFor(SimHarness h, Duration d) {
        CompletableFuture<Void> later = new CompletableFuture<>();
        h.time.schedule(d, () -> later.complete(null));
        h.time.await(later);
    }

    @Test void a_rollback_after_a_secret_is_removed_still_reads_it_and_keeps_serving() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();

        // The secret goes, and the new image crashes: ECS's circuit breaker rolls back to the old revision.
        Spec broken = withoutSecrets(spec, "public.ecr.aws/nginx/nginx:1.27-crash");
        SimServing.Recorder recorder = new SimServing.Recorder(h.world, h.time, HOST).start();
        ApplyResult failed = h.apply(broken);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.failures()).anySatisfy(f -> assertThat(f).startsWith("role.execution").contains("did not finish"));
        runFor(h, Duration.ofMinutes(30));
        recorder.stop();

        assertThat(secretFailures(h)).as("old-revision tasks of the rollback read their secret").isEmpty();
        var service = h.aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0);
        assertThat(service.deployments()).singleElement().satisfies(d -> {
            assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED");
            assertThat(d.runningCount()).isEqualTo(2);
        });
        assertThat(recorder.samples()).isGreaterThan(0);
        assertThat(recorder.outages()).as("served throughout").isEmpty();

        // Fixed, the next apply finishes the job: the read is revoked and the parameter deleted.
        Spec fixed = withoutSecrets(spec, "public.ecr.aws/nginx/nginx:1.28");
        ApplyResult r = h.apply(fixed);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(h.plan(fixed).mutating()).isEmpty();
        assertThat(h.inventory(fixed)).doesNotContainKey("parameter.DB_PASSWORD");
        assertThat(String.valueOf(h.inventory(fixed).get("role.execution").props().get("secretArns"))).isEqualTo("[]");
    }

    @Test void removing_a_secret_while_serving_revokes_its_read_after_the_rollout() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();

        Spec without = withoutSecrets(spec, spec.task().image());
        SimServing.Recorder recorder = new SimServing.Recorder(h.world, h.time, HOST).start();
        h.events.clear();
        ApplyResult r = h.apply(without);
        recorder.stop();
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(recorder.outages()).isEmpty();
        assertThat(secretFailures(h)).isEmpty();
        // The role's read went only once the service had finished rolling out.
        List<String> order = h.events.stream().filter(e -> e instanceof dev.gantry.engine.ApplyEvent.Done)
                .map(e -> ((dev.gantry.engine.ApplyEvent.Done) e).change().address().toString()).toList();
        assertThat(order.indexOf("role.execution")).isGreaterThan(order.indexOf("service.main"));
        assertThat(h.plan(without).mutating()).isEmpty();
        assertThat(String.valueOf(h.inventory(without).get("role.execution").props().get("secretArns"))).isEqualTo("[]");
    }
}
