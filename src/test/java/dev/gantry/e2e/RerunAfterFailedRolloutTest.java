package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.diagnose.Diagnosis;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineOptions;
import dev.gantry.plan.Action;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An apply run again after a rollout that did not finish (failed, or stopped while gantry waited)
 * never reports success for a service that does not run what the spec describes: the plan shows the
 * unfinished rollout as a change, and apply watches it to its end, or starts it again.
 */
class RerunAfterFailedRolloutTest {
    private static final String HOST = "hello.example.com";

    private static Change service(Plan plan) {
        return plan.changes().stream().filter(c -> c.address().toString().equals("service.main")).findFirst().orElseThrow();
    }

    private static String rollout(Change c) {
        return c.fields().stream().filter(f -> f.field().equals("rollout")).map(f -> String.valueOf(f.before())).findFirst().orElse(null);
    }

    @Test void a_failed_rollout_run_again_unchanged_fails_again_with_the_reason_and_never_says_it_answers() {
        Spec spec = FailureEndToEndTest.withImage(SimHarness.template("web-https.yaml"), "public.ecr.aws/nginx/nginx:1.27-crash");
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult first = h.apply(spec);
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.outcome()).isEqualTo(ApplyResult.Outcome.ROLLOUT_FAILED);

        Plan plan = h.plan(spec);
        assertThat(plan.hasChanges()).as("a failed rollout is a pending change").isTrue();
        Change svc = service(plan);
        assertThat(svc.action()).isEqualTo(Action.UPDATE);
        assertThat(rollout(svc)).startsWith("failing").contains("0 of 2 tasks running").contains("exited");
        assertThat(svc.reason()).isEqualTo("its last rollout failed: apply starts it again, and says why if it fails again");

        ApplyResult again = h.apply(spec);
        assertThat(again.exitCode()).as(again.failures().toString()).isEqualTo(1);
        assertThat(again.outcome()).isEqualTo(ApplyResult.Outcome.ROLLOUT_FAILED);
        assertThat(again.diagnosis().cause()).isEqualTo(Diagnosis.Cause.CONTAINER_EXITED);
        assertThat(SimServing.blocked(h.world, HOST)).isPresent();
        assertThat(again.url()).as("no \"answers at\" for a service that does not answer").isNull();

        // Later ECS's circuit breaker gives up (no earlier revision to roll back to): still a change, still a failure.
        h.time.advance(java.time.Duration.ofHours(2));
        assertThat(rollout(service(h.plan(spec)))).startsWith("failed");
        ApplyResult later = h.apply(spec);
        assertThat(later.exitCode()).isEqualTo(1);
        assertThat(later.diagnosis()).isNotNull();
    }

    @Test void a_fixed_spec_after_a_failed_rollout_deploys_and_serves() {
        Spec good = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(good);
        assertThat(h.apply(good).exitCode()).isZero();
        Spec bad = FailureEndToEndTest.withImage(good, "public.ecr.aws/nginx/nginx:1.27-crash");
        assertThat(h.apply(bad).exitCode()).isEqualTo(1);

        ApplyResult fixed = h.apply(FailureEndToEndTest.withImage(good, "public.ecr.aws/nginx/nginx:1.28"));
        assertThat(fixed.exitCode()).as(fixed.failures().toString()).isZero();
        assertThat(h.plan(FailureEndToEndTest.withImage(good, "public.ecr.aws/nginx/nginx:1.28")).hasChanges()).isFalse();
        assertThat(SimServing.blocked(h.world, HOST)).isEmpty();
    }

    @Test void ctrl_c_during_the_rollout_wait_then_the_next_apply_watches_it_to_its_end() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        Engine[] engine = new Engine[1];
        engine[0] = new Engine(Catalog.standard(), h.aws, h.time, h.secrets, e -> {
            h.events.add(e);
            if (e instanceof ApplyEvent.Rollout) engine[0].cancel();
        });
        ApplyResult stopped = engine[0].apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply"));
        assertThat(stopped.exitCode()).isEqualTo(130);

        Plan plan = h.plan(spec);
        assertThat(plan.changes().stream().filter(c -> c.action() != Action.NOOP && c.action() != Action.READ))
                .as("only the unfinished rollout is left").extracting(c -> c.address().toString()).containsExactly("service.main");
        assertThat(rollout(service(plan))).startsWith("in progress");
        assertThat(service(plan).reason()).isEqualTo("its last rollout has not finished: apply watches it to its end");

        h.world.resetCounters();
        ApplyResult resumed = h.apply(spec);
        assertThat(resumed.exitCode()).as(resumed.failures().toString()).isZero();
        assertThat(h.world.callsByAction()).as("watched, not deployed again").doesNotContainKey("ecs:UpdateService");
        assertThat(h.events).anyMatch(e -> e instanceof ApplyEvent.Rollout);
        assertThat(h.plan(spec).hasChanges()).isFalse();
        assertThat(SimServing.blocked(h.world, HOST)).isEmpty();
    }

    @Test void a_rollout_in_progress_is_a_change_and_apply_waits_for_it() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        // Someone else starts a deployment (the console's "force new deployment", gantry secrets set).
        h.aws.ecs().updateService(b -> b.cluster("hello").service("hello").forceNewDeployment(true));

        assertThat(rollout(service(h.plan(spec)))).startsWith("in progress");
        h.world.resetCounters();
        h.events.clear();
        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(h.world.callsByAction()).doesNotContainKey("ecs:UpdateService");
        assertThat(h.events).anyMatch(e -> e instanceof ApplyEvent.Rollout);
        assertThat(h.plan(spec).hasChanges()).isFalse();
    }
}
