package dev.gantry.e2e;

import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineOptions;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How a run ends when a person says no or presses Ctrl-C early, and what a failing courtesy check costs. */
class StopsAndCourtesiesTest {
    @Test void answering_no_changes_nothing_and_is_not_called_an_interruption() {
        Spec spec = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult r = h.engine().apply(spec, dev.gantry.engine.TestOptions.confirmingWith("gantry apply -f templates/worker.yaml", p -> false));
        assertThat(r.outcome()).isEqualTo(ApplyResult.Outcome.DECLINED);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(h.world.mutatingCalls()).isZero();
    }

    @Test void ctrl_c_at_a_secret_prompt_stops_before_anything_changes_with_130() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero(); // the parameter exists: its value is asked during refresh
        long before = h.world.mutatingCalls();
        Engine[] engine = new Engine[1];
        h.secrets = name -> {
            engine[0].cancel(); // what the signal handler does, before it ends the open question
            throw new IllegalStateException("interrupted at the prompt");
        };
        engine[0] = h.engine();
        boolean[] asked = new boolean[1];
        ApplyResult r = engine[0].apply(spec, dev.gantry.engine.TestOptions.confirmingWith("gantry apply", p -> asked[0] = true));
        assertThat(r.exitCode()).isEqualTo(130);
        assertThat(r.outcome()).isEqualTo(ApplyResult.Outcome.INTERRUPTED);
        assertThat(asked[0]).as("went on to the plan's question").isFalse();
        assertThat(h.world.mutatingCalls()).isEqualTo(before);
    }

    @Test void a_policy_simulator_that_answers_500_gets_one_try_and_a_plain_note() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        dev.gantry.aws.sim.SimFaults.of(h.world).breakAction("iam:SimulatePrincipalPolicy");
        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(h.world.callsByAction().get("iam:SimulatePrincipalPolicy")).isEqualTo(1L);
        assertThat(h.events).filteredOn(e -> e instanceof ApplyEvent.Info).extracting(e -> ((ApplyEvent.Info) e).message())
                .anySatisfy(m -> assertThat(m).contains("IAM's policy simulator failed: HTTP 500").doesNotContain("null"));
    }

    @Test void after_an_update_the_rollout_line_reports_the_new_revision() {
        Spec first = SimHarness.template("web-http-quick.yaml");
        SimHarness h = new SimHarness().prepare(first);
        assertThat(h.apply(first).exitCode()).isZero();
        h.events.clear();
        Spec second = FailureEndToEndTest.withImage(first, "public.ecr.aws/nginx/nginx:1.28");
        assertThat(h.apply(second).exitCode()).isZero();
        var last = h.events.stream().filter(e -> e instanceof ApplyEvent.Rollout).map(e -> ((ApplyEvent.Rollout) e).snapshot())
                .reduce((a, b) -> b).orElseThrow();
        String running = h.aws.ecs().describeServices(b -> b.cluster(first.cluster().name()).services(first.app())).services().get(0).taskDefinition();
        assertThat(last.deployments()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("PRIMARY");
            assertThat(d.rolloutState()).isEqualTo("COMPLETED");
            assertThat(running).endsWith("/" + d.taskDefinitionRevision());
            assertThat(d.taskDefinitionRevision()).endsWith(":2");
        });
    }
}
