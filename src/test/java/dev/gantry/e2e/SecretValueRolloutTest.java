package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Action;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A new secret value given to apply reaches the running tasks: ECS reads secrets only when a task starts. */
class SecretValueRolloutTest {

    private static List<String> running(SimHarness h) {
        return h.aws.ecs().listTasks(b -> b.cluster("hello").serviceName("hello").desiredStatus("RUNNING")).taskArns();
    }

    @Test void a_new_value_rolls_the_service_so_its_tasks_read_it() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        List<String> before = running(h);
        assertThat(before).isNotEmpty();

        h.secrets = name -> Optional.of("n3w-value".toCharArray());
        Plan plan = h.plan(spec);
        Change service = plan.changes().stream().filter(c -> c.address().toString().equals("service.main")).findFirst().orElseThrow();
        assertThat(service.action()).isEqualTo(Action.UPDATE);
        assertThat(service.fields()).anySatisfy(f -> assertThat(f.field()).isEqualTo("tasks"));
        assertThat(service.reason()).contains("new value of DB_PASSWORD");
        assertThat(plan.changes().stream().filter(c -> c.address().toString().equals("task-definition.main")).findFirst().orElseThrow().action())
                .isEqualTo(Action.NOOP);

        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(r.updated()).isEqualTo(2);
        assertThat(h.world.state.ssm.params.get("/hello/db-password").version).isEqualTo(2);
        // Every task that runs now started after the new value was stored: none of the old ones is left.
        List<String> after = running(h);
        assertThat(after).isNotEmpty().doesNotContainAnyElementsOf(before);
        assertThat(h.events.toString()).doesNotContain("n3w-value");

        // The same value again changes nothing, and restarts nothing.
        assertThat(h.apply(spec).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(running(h)).containsExactlyInAnyOrderElementsOf(after);
    }

    private static List<String> running(SimHarness h, String service) {
        return h.aws.ecs().listTasks(b -> b.cluster("shop").serviceName(service).desiredStatus("RUNNING")).taskArns();
    }

    @Test void a_new_value_of_a_shared_secret_rolls_every_service_that_reads_it_and_no_other() {
        Spec spec = SimHarness.template("web-api-worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        List<String> api = running(h, "shop-api"), worker = running(h, "shop-worker"), web = running(h, "shop-web");

        h.secrets = name -> Optional.of("n3w-value".toCharArray());
        Plan plan = h.plan(spec);
        assertThat(plan.mutating()).extracting(c -> c.address() + " " + c.action())
                .containsExactlyInAnyOrder("parameter.DB_PASSWORD UPDATE", "service.api UPDATE", "service.worker UPDATE");
        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(running(h, "shop-api")).isNotEmpty().doesNotContainAnyElementsOf(api);
        assertThat(running(h, "shop-worker")).isNotEmpty().doesNotContainAnyElementsOf(worker);
        assertThat(running(h, "shop-web")).containsExactlyInAnyOrderElementsOf(web);
    }
}
