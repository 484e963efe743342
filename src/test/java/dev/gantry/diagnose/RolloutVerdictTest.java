package dev.gantry.diagnose;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One verdict on a rollout, in the words plan, apply and status share. */
class RolloutVerdictTest {
    static final String TD = "arn:aws:ecs:eu-west-1:123456789012:task-definition/hello:4";
    final Explainer.Context explain = new Explainer.Context("hello", "nginx:1", 80, "/", Map.of(), false);

    static Service service(String state, int desired, int running, int failed) {
        Deployment primary = Deployment.builder().id("ecs-svc/1").status("PRIMARY").taskDefinition(TD).rolloutState(state)
                .desiredCount(desired).runningCount(running).failedTasks(failed).build();
        return Service.builder().serviceName("hello").deployments(primary).build();
    }

    @Test void the_latest_deployment_at_a_glance() {
        assertThat(RolloutVerdict.latest(service("COMPLETED", 2, 2, 0))).isInstanceOf(RolloutVerdict.Completed.class)
                .extracting(RolloutVerdict::words).isEqualTo("completed");
        assertThat(RolloutVerdict.latest(Service.builder().serviceName("hello").build())).isInstanceOf(RolloutVerdict.Completed.class);
        assertThat(RolloutVerdict.latest(service("IN_PROGRESS", 2, 1, 0)).words()).isEqualTo("in progress (hello:4, 1 of 2 tasks running)");
        assertThat(RolloutVerdict.latest(service("IN_PROGRESS", 2, 0, 3))).isInstanceOf(RolloutVerdict.Failing.class)
                .extracting(RolloutVerdict::words).isEqualTo("failing (hello:4, 0 of 2 tasks running, 3 failed)");
        assertThat(RolloutVerdict.latest(service("FAILED", 1, 0, 10))).isInstanceOf(RolloutVerdict.Failed.class)
                .extracting(RolloutVerdict::words).isEqualTo("failed (hello:4, 0 of 1 task running, 10 failed)");
        assertThat(RolloutVerdict.latest(service("COMPLETED", 2, 0, 0))).isInstanceOf(RolloutVerdict.NotRunning.class)
                .extracting(RolloutVerdict::words).isEqualTo("not running (hello:4, 0 of 2 tasks running)");
        // An emulator without rollout states: done once tasks run.
        assertThat(RolloutVerdict.latest(service(null, 2, 2, 0))).isInstanceOf(RolloutVerdict.Completed.class);
    }

    @Test void apply_starts_again_exactly_what_failed_and_the_plan_words_say_so() {
        for (Service s : List.of(service("FAILED", 1, 0, 10), service("IN_PROGRESS", 2, 0, 3))) {
            RolloutVerdict v = RolloutVerdict.latest(s);
            assertThat(v.startAgain()).isTrue();
            assertThat(RolloutVerdict.startsAgain(v.words() + ": Your container exited with code 1")).isTrue();
        }
        for (Service s : List.of(service("IN_PROGRESS", 2, 1, 0), service("IN_PROGRESS", 2, 1, 2), service("COMPLETED", 2, 0, 0))) {
            RolloutVerdict v = RolloutVerdict.latest(s);
            assertThat(v.startAgain()).isFalse();
            assertThat(RolloutVerdict.startsAgain(v.words())).isFalse();
        }
    }

    static RolloutSnapshot snapshot(List<RolloutSnapshot.Deployment> deployments, List<RolloutSnapshot.StoppedTask> stopped) {
        return new RolloutSnapshot("hello", deployments, List.of("(service hello) has started 1 tasks"), stopped);
    }

    static RolloutSnapshot.Deployment deployment(String id, String status, String state, int desired, int running) {
        return new RolloutSnapshot.Deployment(id, status, "hello:4", state, desired, running, 0, 0);
    }

    @Test void a_watched_deployment() {
        var newOne = deployment("d-new", "PRIMARY", "IN_PROGRESS", 2, 2);
        var old = deployment("d-old", "ACTIVE", "COMPLETED", 2, 2);
        assertThat(RolloutVerdict.watched(snapshot(List.of(newOne, old), List.of()), "d-new", explain)).isInstanceOf(RolloutVerdict.InProgress.class);
        var done = deployment("d-new", "PRIMARY", "COMPLETED", 2, 2);
        assertThat(RolloutVerdict.watched(snapshot(List.of(done), List.of()), "d-new", explain)).isInstanceOf(RolloutVerdict.Completed.class);
        // Completed by ECS's account, but the old deployment still drains: not yet.
        assertThat(RolloutVerdict.watched(snapshot(List.of(done, old), List.of()), "d-new", explain)).isInstanceOf(RolloutVerdict.InProgress.class);

        var exited = new RolloutSnapshot.StoppedTask("t1", "EssentialContainerExited", "Essential container in task exited", List.of(), 1);
        RolloutVerdict failed = RolloutVerdict.watched(snapshot(List.of(newOne, old), List.of(exited)), "d-new", explain);
        assertThat(failed).isInstanceOf(RolloutVerdict.Failed.class);
        assertThat(((RolloutVerdict.Failed) failed).why().cause()).isEqualTo(Diagnosis.Cause.CONTAINER_EXITED);

        var broken = deployment("d-new", "PRIMARY", "FAILED", 2, 0);
        assertThat(((RolloutVerdict.Failed) RolloutVerdict.watched(snapshot(List.of(broken, old), List.of()), "d-new", explain)).why().summary())
                .contains("circuit breaker");
        assertThat(RolloutVerdict.watched(snapshot(List.of(old), List.of()), "d-new", explain)).isInstanceOf(RolloutVerdict.Failed.class);
        assertThat(RolloutVerdict.timedOut(snapshot(List.of(newOne, old), List.of()), "d-new", Duration.ofMinutes(30), explain).why().cause())
                .isEqualTo(Diagnosis.Cause.TIMED_OUT);
    }

    @Test void why_a_rollout_in_trouble_is() {
        var exited = new RolloutSnapshot.StoppedTask("t1", "EssentialContainerExited", "Essential container in task exited", List.of(), 1);
        var d = deployment("ecs-svc/1", "PRIMARY", "IN_PROGRESS", 2, 0);
        RolloutVerdict failing = RolloutVerdict.latest(service("IN_PROGRESS", 2, 0, 3));
        assertThat(RolloutVerdict.why(failing, snapshot(List.of(d), List.of(exited)), explain)).get()
                .extracting(Diagnosis::cause).isEqualTo(Diagnosis.Cause.CONTAINER_EXITED);
        // Still trying, and no failed task to show: no claim that ECS gave up.
        assertThat(RolloutVerdict.why(failing, snapshot(List.of(d), List.of()), explain)).isEmpty();
        RolloutVerdict failed = RolloutVerdict.latest(service("FAILED", 2, 0, 10));
        assertThat(RolloutVerdict.why(failed, snapshot(List.of(d), List.of()), explain)).get()
                .extracting(Diagnosis::summary).asString().contains("circuit breaker");
    }
}
