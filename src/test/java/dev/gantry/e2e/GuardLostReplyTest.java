package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Guard;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard's creates survive a lost reply as the rest of apply does (LostReplyTest): nothing made twice, the next plan empty. */
class GuardLostReplyTest {
    static final Spec SPEC = SimHarness.template("web-http-quick.yaml").withGuard(new Guard(5, Guard.Repair.SAFE));

    @Test void a_lost_reply_of_any_call_that_makes_the_guard_makes_nothing_twice() {
        SimHarness clean = new SimHarness().prepare(SPEC);
        clean.world.resetCounters();
        assertThat(clean.apply(SPEC).exitCode()).isZero();
        var calls = LostReplyTest.everyCall(clean).stream()
                .filter(c -> c.getKey().startsWith("lambda:") || c.getKey().startsWith("scheduler:") || c.getKey().startsWith("iam:")
                        || c.getKey().equals("ssm:PutParameter") || c.getKey().equals("logs:CreateLogGroup"))
                .toList();
        assertThat(calls.stream().map(Map.Entry::getKey)).contains("lambda:CreateFunction", "scheduler:CreateSchedule", "iam:CreateRole", "ssm:PutParameter");
        for (var call : calls) {
            String lost = call.getKey() + " #" + call.getValue();
            SimHarness h = new SimHarness().prepare(SPEC);
            dev.gantry.aws.sim.SimFaults.of(h.world).loseReplyOf(call.getKey(), call.getValue());
            ApplyResult r = h.apply(SPEC);
            dev.gantry.aws.sim.SimFaults.of(h.world).clear();
            assertThat(r.exitCode()).as("apply after the lost reply of %s: %s", lost, r.failures()).isZero();
            assertThat(h.world.state.lambda.functions).as(lost).hasSize(1);
            assertThat(h.world.state.scheduler.schedules).as(lost).hasSize(1);
            assertThat(h.world.state.iam.roles.keySet()).as(lost).containsAll(java.util.List.of("quick-guard-function", "quick-guard-scheduler"));
            assertThat(h.world.state.iam.roles).as(lost).hasSameSizeAs(clean.world.state.iam.roles);
            assertThat(h.plan(SPEC).hasChanges()).as("plan after the lost reply of %s", lost).isFalse();
        }
    }
}
