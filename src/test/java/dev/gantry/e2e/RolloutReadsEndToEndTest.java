package dev.gantry.e2e;

import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rollout watch reads the service each look, its stopped tasks only when one may have stopped. */
class RolloutReadsEndToEndTest {

    @Test void aRolloutThatGoesWellReadsItsStoppedTasksRarely() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        Map<String, Long> calls = h.world.callsByAction();
        long looks = calls.get("ecs:DescribeServices");
        assertThat(looks).isGreaterThan(8);
        // ListTasks only when the service's newest event, failed count or rollout state changed, or running fell
        assertThat(calls.getOrDefault("ecs:ListTasks", 0L)).isLessThanOrEqualTo(looks / 3);
    }
}
