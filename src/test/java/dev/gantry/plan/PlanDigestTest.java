package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanDigestTest {
    private static Plan watching(String rollout) {
        Address a = Address.parse("service.main");
        Observed o = new Observed(a, "arn:svc", Map.of("desiredCount", 2, "rollout", rollout), Map.of());
        Desired d = new Desired(a, Piece.SERVICE, "ECS service", Map.<String, Object>of("desiredCount", 2, "rollout", "completed"), java.util.Set.of(), false, false);
        Change c = new Change(a, Action.UPDATE, Piece.SERVICE, "ECS service", d, o,
                List.of(new Change.FieldChange("rollout", rollout, "completed", false)), "reason", null);
        return new Plan("hello", List.of(c), List.of(), List.of());
    }

    @Test void a_rollout_that_moved_on_within_its_state_is_the_same_plan() {
        assertThat(PlanDigest.of(watching("in progress (rev 7, 1 of 2 tasks running)")))
                .isEqualTo(PlanDigest.of(watching("in progress (rev 7, 2 of 2 tasks running)")));
    }

    @Test void a_rollout_that_changed_state_is_another_plan() {
        assertThat(PlanDigest.of(watching("in progress (rev 7, 1 of 2 tasks running)")))
                .isNotEqualTo(PlanDigest.of(watching("failed (rev 7, 0 of 2 tasks running): the container exited with 1")));
    }

    @Test void any_other_field_counts_to_the_letter() {
        Plan a = watching("completed"), b = watching("completed");
        Change c = b.changes().get(0);
        Observed more = new Observed(c.address(), "arn:svc", Map.of("desiredCount", 3, "rollout", "completed"), Map.of());
        Plan moved = new Plan("hello", List.of(new Change(c.address(), c.action(), c.piece(), c.description(), c.desired(), more,
                c.fields(), c.reason(), null)), List.of(), List.of());
        assertThat(PlanDigest.of(a)).isEqualTo(PlanDigest.of(b)).isNotEqualTo(PlanDigest.of(moved));
    }
}
