package dev.gantry.diagnose;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which deployment the rollout line reports: the one of the task definition just registered. */
class RolloutFocusTest {
    static final String TD1 = "arn:aws:ecs:us-east-1:123456789012:task-definition/hello:1";
    static final String TD2 = "arn:aws:ecs:us-east-1:123456789012:task-definition/hello:2";

    static Deployment d(String id, String status, String td, String state) {
        return Deployment.builder().id(id).status(status).taskDefinition(td).rolloutState(state).desiredCount(2).runningCount(2).build();
    }

    @Test void the_deployment_of_the_new_revision_is_watched_not_the_first_listed() {
        Service s = Service.builder().serviceName("hello").taskDefinition(TD2)
                .deployments(List.of(d("old", "ACTIVE", TD1, "COMPLETED"), d("new", "PRIMARY", TD2, "IN_PROGRESS"))).build();
        assertThat(RolloutWatcher.deploymentOf(s, TD2)).get().extracting(Deployment::id).isEqualTo("new");
    }

    @Test void an_emulator_that_starts_no_deployment_is_reported_with_the_revision_the_service_runs() {
        // moto: UpdateService changes the service's task definition and leaves the old PRIMARY deployment as it was.
        Service s = Service.builder().serviceName("hello").taskDefinition(TD2)
                .deployments(List.of(d("only", "PRIMARY", TD1, "COMPLETED"))).build();
        Deployment watched = RolloutWatcher.deploymentOf(s, TD2).orElseThrow();
        RolloutSnapshot snap = new RolloutSnapshot("hello", List.of(new RolloutSnapshot.Deployment("only", "PRIMARY", "hello:1",
                "COMPLETED", 2, 2, 0, 0)), List.of(), List.of());
        assertThat(RolloutWatcher.focus(snap, watched).deployments()).singleElement()
                .satisfies(x -> assertThat(x.taskDefinitionRevision()).isEqualTo("hello:2"));
    }

    @Test void a_service_that_runs_something_else_has_no_deployment_to_report() {
        Service s = Service.builder().serviceName("hello").taskDefinition(TD1)
                .deployments(List.of(d("only", "PRIMARY", TD1, "COMPLETED"))).build();
        assertThat(RolloutWatcher.deploymentOf(s, TD2)).isEmpty();
    }
}
