package dev.gantry.ops;

import dev.gantry.plan.Action;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DriftWordsTest {
    private static Change change(String address, Action a, String description, List<Change.FieldChange> fields) {
        Observed o = a == Action.CREATE ? null : new Observed(Address.parse(address), "id", Map.of(), Map.of());
        return new Change(Address.parse(address), a, Piece.LOGS, description, null, o, fields, "reason", null);
    }

    @Test void only_mutating_changes_are_drift_each_in_plain_words() {
        var fields = List.of(new Change.FieldChange("desiredCount", 3, 2, false));
        Plan plan = new Plan("hello", List.of(
                change("log-group.main", Action.CREATE, "log group /gantry/hello (30 days)", List.of()),
                change("cluster.main", Action.NOOP, "ECS cluster hello", List.of()),
                change("service.main", Action.UPDATE, "ECS service hello on Fargate, 2 tasks", fields),
                change("task-definition.main", Action.REPLACE, "nginx:1.27, 256 CPU units, 512 MiB",
                        List.of(new Change.FieldChange("image", "nginx:1.26", "nginx:1.27", true))),
                change("load-balancer.old", Action.DELETE, "Load balancer: the public entry point that spreads requests", List.of())), List.of());

        List<StatusReport.Drift> drift = DriftWords.of(plan);

        assertThat(drift).extracting(StatusReport.Drift::summary).containsExactly(
                "log group /gantry/hello: missing (deleted outside gantry, or never created)",
                "ECS service hello on Fargate, 2 tasks: differs from gantry.yaml (desiredCount), changed outside gantry or gantry.yaml was edited since the last apply",
                "nginx:1.27, 256 CPU units, 512 MiB: differs from gantry.yaml (image) in a way that cannot be changed in place",
                "Load balancer: exists, but gantry.yaml no longer asks for it");
        assertThat(drift).extracting(StatusReport.Drift::fix).containsExactly("'gantry apply' recreates it",
                "'gantry apply' sets it back to what gantry.yaml says", "'gantry apply' replaces it", "'gantry apply' deletes it");
        assertThat(drift).extracting(StatusReport.Drift::action).containsExactly("create", "update", "replace", "delete");
        assertThat(drift.get(1).fields()).isEqualTo(fields);
    }

    @Test void an_unfinished_rollout_is_not_called_a_change_made_outside_gantry() {
        var fields = List.of(new Change.FieldChange("rollout", "in progress (hello:4, 1 of 2 tasks running)", "completed", false));
        Plan plan = new Plan("hello", List.of(change("service.main", Action.UPDATE, "ECS service hello on Fargate, 2 tasks", fields)), List.of());
        StatusReport.Drift d = DriftWords.of(plan).get(0);
        assertThat(d.summary()).isEqualTo("ECS service hello on Fargate, 2 tasks: its latest rollout has not finished: in progress (hello:4, 1 of 2 tasks running)");
        assertThat(d.fix()).contains("gantry apply").doesNotContain("sets it back");
    }
}
