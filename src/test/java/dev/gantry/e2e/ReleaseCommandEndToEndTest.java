package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Action;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
import dev.gantry.spec.Release;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release command (issue 23, item 2) on the simulated AWS: it runs in a task of the new
 * revision before the service rolls to it; a failing one leaves the service on its old revision,
 * serving throughout, and apply fails with the exit code and the last log lines; it runs once per
 * new image, never on a no-op apply.
 */
class ReleaseCommandEndToEndTest {
    private static final String HOST = "hello.example.com";
    private static final List<String> MIGRATE = List.of("sh", "-c", "echo migrating to 0042; echo done");
    private static final List<String> FAILING = List.of("sh", "-c",
            "echo migrating to 0043; echo 'ERROR: column \"email\" already exists'; exit 3");

    static Spec withRelease(Spec spec, List<String> command) { return spec.withRelease(new Release(command)); }

    private static Spec env(Spec spec, String key, String value) {
        Task t = spec.task();
        Map<String, String> e = new java.util.TreeMap<>(t.environment());
        e.put(key, value);
        return spec.withTask(new Task(t.image(), t.cpu(), t.memory(), t.architecture(), t.port(), t.command(), e, t.secrets(), t.logs(),
                t.registryCredentials()));
    }

    private static List<String> releaseTasks(SimHarness h) {
        return h.aws.ecs().listTasks(b -> b.cluster("hello").startedBy("gantry-release").desiredStatus(DesiredStatus.STOPPED)).taskArns();
    }

    private static String serviceRevision(SimHarness h) {
        String td = h.aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0).taskDefinition();
        return td.substring(td.lastIndexOf('/') + 1);
    }

    private static Change taskDefinition(Plan plan) {
        return plan.changes().stream().filter(c -> c.address().toString().equals("task-definition.main")).findFirst().orElseThrow();
    }

    private static int indexOf(List<ApplyEvent> events, java.util.function.Predicate<ApplyEvent> p) {
        for (int i = 0; i < events.size(); i++) if (p.test(events.get(i))) return i;
        return -1;
    }

    @Test void a_release_runs_before_the_first_start_and_again_only_when_the_image_changes() {
        Spec spec = withRelease(SimHarness.template("web-https.yaml"), MIGRATE);
        SimHarness h = new SimHarness().prepare(spec);
        Plan first = h.plan(spec);
        assertThat(taskDefinition(first).reason()).isEqualTo("does not exist yet; release: runs `sh -c \"echo migrating to 0042; echo done\"`"
                + " with the new revision (public.ecr.aws/nginx/nginx:1.27) before the service uses it");
        ApplyResult created = h.apply(spec);
        assertThat(created.exitCode()).as(created.failures().toString()).isZero();
        assertThat(releaseTasks(h)).hasSize(1);
        int released = indexOf(h.events, e -> e instanceof ApplyEvent.Info i && i.message().startsWith("release: `sh -c"));
        int serviceStarted = indexOf(h.events, e -> e instanceof ApplyEvent.Started s && s.change().address().toString().equals("service.main"));
        assertThat(released).as("the release ended before the service was made").isNotNegative().isLessThan(serviceStarted);

        // A no-op apply runs nothing: no release task, no mutating call.
        h.world.resetCounters();
        ApplyResult noop = h.apply(spec);
        assertThat(noop.exitCode()).isZero();
        assertThat(h.world.mutatingCalls()).isZero();
        assertThat(releaseTasks(h)).hasSize(1);

        // A new revision with the same image (an environment change) rolls out without a release.
        Spec envChanged = env(spec, "FEATURE", "on");
        assertThat(taskDefinition(h.plan(envChanged)).reason()).doesNotContain("release");
        assertThat(h.apply(envChanged).exitCode()).isZero();
        assertThat(releaseTasks(h)).hasSize(1);

        // A new image: the release runs with it, then the service rolls.
        Spec newImage = FailureEndToEndTest.withImage(envChanged, "public.ecr.aws/nginx/nginx:1.28");
        Change td = taskDefinition(h.plan(newImage));
        assertThat(td.action()).isEqualTo(Action.UPDATE);
        assertThat(td.reason()).isEqualTo("changed: image; release: runs `sh -c \"echo migrating to 0042; echo done\"`"
                + " with the new revision (public.ecr.aws/nginx/nginx:1.28) before the rollout");
        h.events.clear();
        ApplyResult rolled = h.apply(newImage);
        assertThat(rolled.exitCode()).as(rolled.failures().toString()).isZero();
        assertThat(releaseTasks(h)).hasSize(2);
        assertThat(serviceRevision(h)).isEqualTo("hello:3");
        assertThat(h.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ApplyEvent.Waiting.class,
                w -> assertThat(w.waitingFor()).startsWith("release `sh -c \"echo migrating to 0042; echo done\"` (task ")));
    }

    @Test void a_failing_release_keeps_the_old_revision_serving_and_fails_apply_with_the_exit_code_and_log_lines() {
        Spec spec = withRelease(SimHarness.template("web-https.yaml"), MIGRATE);
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        assertThat(serviceRevision(h)).isEqualTo("hello:1");

        Spec bad = withRelease(FailureEndToEndTest.withImage(spec, "public.ecr.aws/nginx/nginx:1.28"), FAILING);
        SimServing.Recorder recorder = new SimServing.Recorder(h.world, h.time, HOST);
        recorder.start();
        ApplyResult failed = h.apply(bad);
        h.time.advance(java.time.Duration.ofMinutes(5));
        recorder.stop();
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.failures()).singleElement().satisfies(f -> assertThat(f)
                .startsWith("task-definition.main: the release `sh -c \"echo migrating to 0043; echo 'ERROR: column \\\"email\\\" already exists'; exit 3\"` exited with code 3 after ")
                .contains("so the rollout did not start")
                .endsWith("its last log lines:\n    migrating to 0043\n    ERROR: column \"email\" already exists"));
        assertThat(h.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ApplyEvent.Skipped.class,
                s -> assertThat(s.change().address().toString()).isEqualTo("service.main")));
        assertThat(serviceRevision(h)).as("the service never moved").isEqualTo("hello:1");
        assertThat(recorder.outages()).as("the old tasks served throughout").isEmpty();

        // The failed revision is gone again, so the next plan still wants the new image and its release.
        Change td = taskDefinition(h.plan(bad));
        assertThat(td.action()).isEqualTo(Action.UPDATE);
        assertThat(td.reason()).contains("release: runs");

        // Fixed: the release passes, the service rolls to the new image.
        Spec fixed = withRelease(FailureEndToEndTest.withImage(spec, "public.ecr.aws/nginx/nginx:1.28"), MIGRATE);
        ApplyResult ok = h.apply(fixed);
        assertThat(ok.exitCode()).as(ok.failures().toString()).isZero();
        assertThat(serviceRevision(h)).isEqualTo("hello:3");
        assertThat(releaseTasks(h)).hasSize(3);
        assertThat(h.plan(fixed).hasChanges()).isFalse();
    }

    @Test void an_apply_stopped_while_the_release_runs_never_lets_the_service_roll_without_it() {
        Spec spec = withRelease(SimHarness.template("web-https.yaml"), MIGRATE);
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        Spec newImage = FailureEndToEndTest.withImage(spec, "public.ecr.aws/nginx/nginx:1.28");
        dev.gantry.engine.Engine[] engine = new dev.gantry.engine.Engine[1];
        engine[0] = new dev.gantry.engine.Engine(dev.gantry.resources.catalog.Catalog.standard(), h.aws, h.time, h.secrets, e -> {
            h.events.add(e);
            if (e instanceof ApplyEvent.Waiting w && w.waitingFor().startsWith("release ")) engine[0].cancel();
        });
        ApplyResult stopped = engine[0].apply(newImage, dev.gantry.engine.TestOptions.yes("gantry apply"));
        assertThat(stopped.exitCode()).isEqualTo(130);
        assertThat(serviceRevision(h)).isEqualTo("hello:1");

        // The revision registered for the release is not taken for a finished one: the next apply runs the release again.
        Change td = taskDefinition(h.plan(newImage));
        assertThat(td.action()).isEqualTo(Action.UPDATE);
        assertThat(td.reason()).contains("release: runs");
        ApplyResult resumed = h.apply(newImage);
        assertThat(resumed.exitCode()).as(resumed.failures().toString()).isZero();
        assertThat(releaseTasks(h)).hasSize(3);
        assertThat(h.plan(newImage).hasChanges()).isFalse();
    }

    @Test void a_release_task_that_cannot_start_stops_the_rollout_with_the_reason() {
        Spec spec = withRelease(SimHarness.template("web-https.yaml"), MIGRATE);
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        Spec unpullable = FailureEndToEndTest.withImage(spec, "public.ecr.aws/nginx/nginx:does-not-exist");
        ApplyResult failed = h.apply(unpullable);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.failures()).singleElement().satisfies(f -> assertThat(f)
                .startsWith("task-definition.main: the release task ").contains(" never ran `sh -c").contains("the rollout did not start"));
        assertThat(serviceRevision(h)).isEqualTo("hello:1");
        assertThat(SimServing.blocked(h.world, HOST)).isEmpty();
    }
}
