package dev.gantry.cli.command;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.ops.DeployHistory;
import dev.gantry.plan.Plan;
import dev.gantry.resources.SecretValues;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** gantry history and gantry rollback, end to end on the simulated AWS. */
class HistoryRollbackTest {
    final AppContextWorld w = new AppContextWorld();
    final Spec first = AppContextWorld.template("web-https.yaml");
    final Spec second = AppContextWorld.withImage(first, "public.ecr.aws/nginx/nginx:1.28");

    /** Lets ECS go on (retries, circuit breaker, rollback) until the service is steady again. */
    void settle() {
        for (int i = 0; i < 240; i++) {
            w.time.advance(Duration.ofSeconds(30));
            var s = w.aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0);
            if (s.deployments().size() == 1 && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString())) return;
        }
        throw new AssertionError("the service never settled");
    }

    Plan plan(Spec spec) {
        return new Engine(Catalog.standard(), w.aws, w.time, SecretValues.none(), e -> { }).plan(spec);
    }

    @Test void history_lists_three_deploys_newest_first_with_changes_runs_and_the_circuit_breakers_rollback() {
        w.applied(first);
        w.applied(second);
        ApplyResult bad = w.apply(AppContextWorld.withImage(second, "public.ecr.aws/nginx/nginx:crash"));
        assertThat(bad.exitCode()).isNotZero();
        settle();

        List<DeployHistory.Entry> h = DeployHistory.read(w.aws, "hello", "hello");
        assertThat(h).hasSize(3);
        assertThat(h).extracting(DeployHistory.Entry::revision).containsExactly(3, 2, 1);
        assertThat(h).extracting(DeployHistory.Entry::status).containsExactly("ROLLBACK_SUCCESSFUL", "SUCCESSFUL", "SUCCESSFUL");
        assertThat(h.get(0).statusReason()).contains("circuit breaker");
        assertThat(h.get(0).changes()).containsExactly("image public.ecr.aws/nginx/nginx:1.28 → public.ecr.aws/nginx/nginx:crash");
        assertThat(h.get(1).changes()).containsExactly("image public.ecr.aws/nginx/nginx:1.27 → public.ecr.aws/nginx/nginx:1.28");
        assertThat(h.get(2).changes()).containsExactly("first deployment");
        assertThat(h.get(1).digest()).startsWith("sha256:");
        assertThat(h).allSatisfy(e -> assertThat(e.runId()).isNotBlank());
        assertThat(h).allSatisfy(e -> assertThat(e.command()).isEqualTo("apply"));
        assertThat(h.get(0).runId()).isNotEqualTo(h.get(1).runId());

        int code = w.run(second, d -> HistoryCommand.run(d, false));
        assertThat(code).isZero();
        assertThat(w.out()).contains("revision 3  rolled back: ECS deployment circuit breaker")
                .contains("revision 2  completed").contains("changes image public.ecr.aws/nginx/nginx:1.27 → public.ecr.aws/nginx/nginx:1.28")
                .contains("by      gantry apply (run ");
        code = w.run(second, d -> HistoryCommand.run(d, true));
        assertThat(code).isZero();
        assertThat(w.out()).contains("\"schemaVersion\" : 1").contains("\"outcome\" : \"rolled back\"").contains("\"revision\" : 3");
    }

    @Test void rollback_after_a_bad_image_serves_throughout_pins_the_digest_and_the_next_plan_names_the_difference() {
        w.applied(first);
        // A bad release that starts and passes its health checks: ECS has no reason to roll it back.
        w.applied(second);
        DeployHistory.Entry good = DeployHistory.read(w.aws, "hello", "hello").get(1);

        SimServing.Recorder recorder = new SimServing.Recorder(w.world, w.time, "hello.example.com");
        recorder.start();
        int code = w.run(second, d -> RollbackCommand.run(d, null, q -> true, new CompletableFuture<>()));
        recorder.stop();

        assertThat(code).as(w.err()).isZero();
        assertThat(recorder.outages()).as("the old tasks serve until the rolled-back ones are healthy").isEmpty();
        String pinned = "public.ecr.aws/nginx/nginx:1.27@" + good.digest();
        assertThat(w.out()).contains("Registered revision 3 (a copy of revision 1, image " + pinned + ")").contains("Rolled back")
                .contains("To keep the rollback, set task.image to " + pinned);
        var svc = w.aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0);
        assertThat(svc.taskDefinition()).endsWith("hello:3");
        var td = w.aws.ecs().describeTaskDefinition(b -> b.taskDefinition("hello:3")).taskDefinition();
        assertThat(td.containerDefinitions().get(0).image()).isEqualTo(pinned);

        DeployHistory.Entry latest = DeployHistory.read(w.aws, "hello", "hello").get(0);
        assertThat(latest.command()).isEqualTo("rollback");
        assertThat(latest.rollbackTo()).isEqualTo("1");
        assertThat(latest.status()).isEqualTo("SUCCESSFUL");

        // The spec still says 1.28: the plan neither silently undoes nor silently keeps the rollback.
        Plan p = plan(second);
        assertThat(p.warnings()).anySatisfy(n -> assertThat(n).startsWith("the service runs " + pinned + " (rolled back to revision 1 by gantry rollback at ")
                .contains("gantry.yaml describes image public.ecr.aws/nginx/nginx:1.28: the next apply deploys it again")
                .endsWith("set task.image to " + pinned + " in gantry.yaml"));
        // Taking the advice keeps it: nothing to change, no note.
        Plan kept = plan(AppContextWorld.withImage(first, pinned));
        assertThat(kept.warnings()).noneSatisfy(n -> assertThat(n).contains("rolled back"));
        assertThat(kept.changes().stream().filter(c -> c.address().toString().equals("task-definition.main") && c.action().mutates())).isEmpty();
        // apply deploys the spec as usual.
        w.applied(second);
        assertThat(w.aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0).taskDefinition()).endsWith("hello:4");
    }

    @Test void rollback_refuses_with_exit_2_when_there_is_nothing_earlier() {
        w.applied(first);
        int code = w.run(first, d -> RollbackCommand.run(d, null, q -> true, new CompletableFuture<>()));
        assertThat(code).isEqualTo(2);
        assertThat(w.err()).contains("no earlier successful deployment");
    }
}
