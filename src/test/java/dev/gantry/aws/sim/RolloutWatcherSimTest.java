package dev.gantry.aws.sim;

import dev.gantry.diagnose.RolloutSnapshot;
import dev.gantry.diagnose.RolloutWatcher;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The watcher's view of a real (simulated) rollout: deployments, newest events, failed tasks of one deployment. */
class RolloutWatcherSimTest {
    @Test void aRollingUpdateAsTheWatcherSeesIt() {
        SimEcsTest t = new SimEcsTest();
        t.setUp();
        t.createService(t.register("nginx:1.27", false), 2, false);
        t.clock.advance(Duration.ofMinutes(2));
        String v2 = t.register("nginx:does-not-exist", false);
        String id = t.aws.ecs().updateService(b -> b.cluster("hello").service("hello").taskDefinition(v2)).service().deployments().get(0).id();
        t.clock.advance(Duration.ofSeconds(50));

        RolloutWatcher w = new RolloutWatcher(t.aws.ecs(), "hello", "hello");
        RolloutSnapshot s = w.snapshot(id);
        assertThat(s.service()).isEqualTo("hello");
        assertThat(s.deployments()).extracting(RolloutSnapshot.Deployment::status).containsExactly("PRIMARY", "ACTIVE");
        assertThat(s.deployments()).extracting(RolloutSnapshot.Deployment::taskDefinitionRevision).containsExactly("hello:2", "hello:1");
        assertThat(s.deployments().get(1).running()).isEqualTo(2);
        assertThat(s.deployments().get(0).failed()).isEqualTo(2);
        assertThat(s.events().get(0)).startsWith("(service hello) has stopped 1 running tasks");
        assertThat(s.stoppedTasks()).hasSize(2).allSatisfy(x -> assertThat(x.stoppedReason()).startsWith("CannotPullContainerError"));
        assertThat(RolloutWatcher.firstFailure(s)).isPresent();
        // the old deployment's tasks are not this deployment's failures
        RolloutSnapshot old = w.snapshot(s.deployments().get(1).id());
        assertThat(old.stoppedTasks()).isEmpty();
    }
}
