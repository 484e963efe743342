package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.EngineOptions;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan shown is the contract (issue 19): when AWS changes between the question and the look
 * under the apply lock, apply and destroy do nothing and say what differs, instead of going ahead
 * with a plan nobody saw.
 */
class PlanChangedUnderTheLockTest {
    final Spec spec = SimHarness.template("worker.yaml");

    @Test void apply_refuses_a_plan_that_changed_after_it_was_confirmed() {
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        var s = spec.service();
        Spec bigger = spec.withService(new dev.gantry.spec.Service(s.desiredCount() + 1, s.minimumHealthyPercent(), s.maximumPercent(),
                s.rollbackOnFailure(), s.autoscaling()));
        String logGroup = "/gantry/" + spec.app();

        ApplyResult r = h.engine().apply(bigger, dev.gantry.engine.TestOptions.confirmingWith("gantry apply -f worker.yaml", plan -> {
            // Someone shortens the log retention while the person reads the question.
            h.world.clients().logs().putRetentionPolicy(b -> b.logGroupName(logGroup).retentionInDays(1));
            h.world.resetCounters();
            return true;
        }));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        String said = String.join("\n", r.failures());
        assertThat(said).contains("AWS changed after the plan was shown").contains("nothing was changed")
                .contains("Run 'gantry apply -f worker.yaml' again").contains("log-group.main: the plan shown would leave it; now the plan would update it");
        Map<String, Long> calls = h.world.callsByAction();
        // Only the lock was written (taken and let go): no change to the service, no retention put back.
        assertThat(calls.keySet()).as(calls.toString()).noneMatch(a -> a.startsWith("ecs:Update") || a.startsWith("logs:Put"));
        assertThat(calls.getOrDefault("ssm:PutParameter", 0L) + calls.getOrDefault("ssm:DeleteParameter", 0L)).isEqualTo(h.world.mutatingCalls());
        LogGroup group = h.world.clients().logs().describeLogGroups(b -> b.logGroupNamePrefix(logGroup)).logGroups().get(0);
        assertThat(group.retentionInDays()).isEqualTo(1);

        // Run again: the new plan names both changes, and applies them.
        ApplyResult again = h.apply(bigger);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(h.plan(bigger).hasChanges()).isFalse();
    }

    @Test void a_plan_still_the_same_under_the_lock_goes_ahead() {
        SimHarness h = new SimHarness().prepare(spec);
        boolean[] asked = new boolean[1];
        ApplyResult r = h.engine().apply(spec, dev.gantry.engine.TestOptions.confirmingWith("gantry apply", plan -> asked[0] = true));
        assertThat(asked[0]).isTrue();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(h.plan(spec).hasChanges()).isFalse();
    }

    @Test void destroy_refuses_too_when_the_account_changed_after_the_question() {
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        String logGroup = "/gantry/" + spec.app();
        ApplyResult r = h.engine().destroy(spec, dev.gantry.engine.TestOptions.confirmingWith("gantry destroy", plan -> {
            h.world.clients().logs().putRetentionPolicy(b -> b.logGroupName(logGroup).retentionInDays(1));
            h.world.resetCounters();
            return true;
        }));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(String.join("\n", r.failures())).contains("log-group.main").contains("Run 'gantry destroy' again");
        assertThat(h.world.callsByAction().keySet()).noneMatch(a -> a.contains(":Delete") && !a.equals("ssm:DeleteParameter"));
        assertThat(h.plan(spec).hasChanges()).isTrue(); // the retention differs now; everything is still there
    }
}
