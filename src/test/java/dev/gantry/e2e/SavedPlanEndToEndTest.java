package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.EngineOptions;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanDigest;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A saved plan applies exactly as reviewed, or not at all (issue 19: the plan is the contract). */
class SavedPlanEndToEndTest {
    final Spec spec = SimHarness.template("worker.yaml");

    @Test void a_saved_plan_applies_when_nothing_moved_on_and_the_next_plan_is_empty() {
        SimHarness h = new SimHarness().prepare(spec);
        Plan plan = h.plan(spec);
        Map<String, String> saved = PlanDigest.byAddress(plan);

        ApplyResult r = h.engine().applyingOnly(saved).apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply plan.json"));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(r.created()).isPositive().isEqualTo(plan.mutating().size());
        assertThat(h.plan(spec).hasChanges()).isFalse();
    }

    @Test void a_plan_made_before_someone_else_changed_the_account_is_refused_with_no_change() {
        SimHarness h = new SimHarness().prepare(spec);
        Plan before = h.plan(spec);
        Map<String, String> saved = PlanDigest.byAddress(before);
        h.apply(spec);                                   // someone applied meanwhile
        Spec edited = spec.withTask(spec.task().withImage("public.ecr.aws/docker/library/busybox:1.37"));
        h.world.resetCounters();

        ApplyResult r = h.engine().applyingOnly(saved).apply(edited, dev.gantry.engine.TestOptions.yes("gantry apply plan.json"));
        assertThat(r.exit()).isEqualTo(ApplyResult.Exit.INVALID_INPUT);
        assertThat(String.join("\n", r.failures())).contains("saved plan is out of date").contains("cluster.main: the saved plan would create it; now the plan would leave it");
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();
    }

    @Test void the_digest_is_the_same_for_the_same_state_and_differs_for_any_change_of_it() {
        SimHarness h = new SimHarness().prepare(spec);
        h.apply(spec);
        Map<String, String> one = PlanDigest.byAddress(h.plan(spec));
        assertThat(PlanDigest.byAddress(h.plan(spec))).isEqualTo(one);
        var s = spec.service();
        Spec bigger = spec.withService(new dev.gantry.spec.Service(s.desiredCount() + 1, s.minimumHealthyPercent(), s.maximumPercent(),
                s.rollbackOnFailure(), s.autoscaling()));
        assertThat(PlanDigest.differences(one, PlanDigest.byAddress(h.plan(bigger)))).containsExactly("service.main: the saved plan would leave it; now the plan would update it");
    }
}
