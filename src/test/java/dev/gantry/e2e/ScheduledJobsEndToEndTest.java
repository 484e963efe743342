package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Action;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
import dev.gantry.spec.Job;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

import dev.gantry.ops.StatusGatherer;
import dev.gantry.ops.StatusReport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled jobs (issue 23, item 3) end to end on the simulated AWS: apply makes the app's
 * schedule group, the scheduler role, and per job a task definition and a schedule; the schedules
 * fire on virtual time into ECS; a no-op apply changes nothing; destroy removes all of it.
 */
class ScheduledJobsEndToEndTest {
    static Spec withJobs(Spec spec) {
        return spec.withJobs(Map.of(
                "report", new Job("report", "cron(0/10 * * * ? *)", null, List.of("sh", "-c", "echo report written"), null, null, null, Map.of("MODE", "daily")),
                "cleanup", new Job("cleanup", "rate(1 hour)", "Europe/Paris", List.of("sh", "-c", "echo cannot reach the database; exit 2"), null, 512, 1024, Map.of())));
    }

    private static List<Task> tasksOf(SimHarness h, String job) {
        List<String> arns = new ArrayList<>(h.aws.ecs().listTasks(b -> b.cluster("worker").desiredStatus(DesiredStatus.STOPPED)).taskArns());
        arns.addAll(h.aws.ecs().listTasks(b -> b.cluster("worker")).taskArns());
        if (arns.isEmpty()) return List.of();
        return h.aws.ecs().describeTasks(b -> b.cluster("worker").tasks(arns)).tasks().stream().filter(t -> ("job:" + job).equals(t.group())).toList();
    }

    @Test void jobs_are_applied_fire_on_schedule_and_are_destroyed() {
        Spec spec = withJobs(SimHarness.template("worker.yaml"));
        SimHarness h = new SimHarness().prepare(spec);
        Plan plan = h.plan(spec);
        assertThat(plan.changes().stream().filter(c -> c.action() == Action.CREATE).map(c -> c.address().toString()))
                .contains("schedule-group.main", "scheduler-role.main", "job-task-definition.report", "job-task-definition.cleanup",
                        "schedule.report", "schedule.cleanup");
        ApplyResult applied = h.apply(spec);
        assertThat(applied.exitCode()).as(applied.failures().toString()).isZero();

        h.world.resetCounters();
        Plan again = h.plan(spec);
        assertThat(again.mutating()).as("converged").isEmpty();
        assertThat(h.apply(spec).exitCode()).isZero();
        assertThat(h.world.mutatingCalls()).isZero();

        var schedule = h.aws.scheduler().getSchedule(b -> b.groupName("worker").name("report"));
        assertThat(schedule.scheduleExpression()).isEqualTo("cron(0/10 * * * ? *)");
        assertThat(schedule.target().ecsParameters().group()).isEqualTo("job:report");
        String policy = java.net.URLDecoder.decode(h.aws.iam().getRolePolicy(b -> b.roleName("worker-scheduler").policyName("gantry-run-jobs")).policyDocument(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(policy).contains("task-definition/worker-job-report:*", "task-definition/worker-job-cleanup:*", "role/gantry/worker/worker-execution")
                .doesNotContain("task-definition/worker:");

        h.time.advance(Duration.ofMinutes(65));
        List<Task> reports = tasksOf(h, "report");
        assertThat(reports).isNotEmpty().allSatisfy(t -> {
            assertThat(t.lastStatus()).isEqualTo("STOPPED");
            assertThat(t.containers().get(0).exitCode()).isZero();
        });
        List<Task> cleanups = tasksOf(h, "cleanup");
        assertThat(cleanups).isNotEmpty().allSatisfy(t -> {
            assertThat(t.containers().get(0).exitCode()).isEqualTo(2);
            assertThat(t.cpu()).isEqualTo("512");
        });

        // Removing a job from the spec removes its schedule and task definition.
        Spec oneJob = spec.withJobs(Map.of("report", spec.jobs().get("report")));
        Plan removal = h.plan(oneJob);
        assertThat(removal.mutating()).extracting(c -> c.action() + " " + c.address())
                .contains("DELETE schedule.cleanup", "DELETE job-task-definition.cleanup");
        assertThat(h.apply(oneJob).exitCode()).isZero();
        assertThat(h.plan(oneJob).mutating()).isEmpty();

        ApplyResult destroyed = h.destroy(oneJob);
        assertThat(destroyed.exitCode()).as(destroyed.failures().toString()).isZero();
        assertThat(h.world.state.scheduler.schedules).isEmpty();
        assertThat(h.world.state.scheduler.groups.keySet()).doesNotContain("worker");
        assertThat(h.world.state.iam.roles.keySet()).noneMatch(r -> r.contains("scheduler"));
        assertThat(h.taggedLeftovers("worker")).isEmpty();
    }

    /**
     * Schedules carry no tags: a person's schedule put in the app's group (running their own task
     * definition as their own role) is theirs. No plan touches it, and destroy leaves the group that
     * holds it (deleting a group deletes its schedules), saying why.
     */
    @Test void a_persons_schedule_in_the_apps_group_is_never_touched() {
        Spec spec = withJobs(SimHarness.template("worker.yaml"));
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        var ours = h.aws.scheduler().getSchedule(b -> b.groupName("worker").name("report")).target();
        h.aws.scheduler().createSchedule(b -> b.groupName("worker").name("nightly-export").scheduleExpression("rate(1 day)")
                .flexibleTimeWindow(w -> w.mode("OFF"))
                .target(t -> t.arn(ours.arn()).roleArn(ours.roleArn().replace("worker-scheduler", "ops-exporter"))
                        .ecsParameters(e -> e.taskDefinitionArn(ours.ecsParameters().taskDefinitionArn().replace("worker-job-report", "ops-export"))
                                .launchType("FARGATE").networkConfiguration(ours.ecsParameters().networkConfiguration()))));

        assertThat(h.plan(spec).mutating()).as("someone's schedule is not the app's to delete").isEmpty();
        ApplyResult destroyed = h.destroy(spec);
        assertThat(destroyed.exitCode()).isEqualTo(1);
        assertThat(String.join("\n", destroyed.failures())).contains("nightly-export").contains("gantry leaves it");
        assertThat(h.world.state.scheduler.groups.keySet()).contains("worker");
        assertThat(h.aws.scheduler().getSchedule(b -> b.groupName("worker").name("nightly-export")).name()).isEqualTo("nightly-export");
        assertThat(h.aws.scheduler().listSchedules(b -> b.groupName("worker")).schedules()).extracting(x -> x.name())
                .containsExactly("nightly-export");
    }

    @Test void status_shows_each_jobs_schedule_next_run_and_last_run_with_why_it_failed() {
        Spec spec = withJobs(SimHarness.template("worker.yaml"));
        spec = spec.withJobs(Map.of("report", spec.jobs().get("report"), "cleanup", spec.jobs().get("cleanup"),
                "import", new Job("import", "rate(30 minutes)", null, List.of("bin/import"), "public.ecr.aws/nginx/nginx:does-not-exist", null, null, Map.of())));
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        Instant applied = h.time.now();
        h.time.advance(Duration.ofMinutes(21));
        StatusReport r = new StatusGatherer(h.aws, h.engine(), h.time).gather(spec);
        Map<String, StatusReport.JobStatus> jobs = new java.util.TreeMap<>();
        r.jobs().forEach(j -> jobs.put(j.name(), j));
        assertThat(jobs).containsOnlyKeys("report", "cleanup", "import");

        StatusReport.JobStatus report = jobs.get("report");
        assertThat(report.schedule()).isEqualTo("cron(0/10 * * * ? *)");
        assertThat(report.nextRun()).isAfter(h.time.now()).isBefore(h.time.now().plus(Duration.ofMinutes(10)));
        assertThat(report.nextRun().getEpochSecond() % 600).isZero();
        assertThat(report.lastRun().exitCode()).isZero();
        assertThat(report.lastRun().took()).isPositive();

        StatusReport.JobStatus cleanup = jobs.get("cleanup");
        assertThat(cleanup.timezone()).isEqualTo("Europe/Paris");
        assertThat(cleanup.nextRun()).isBetween(applied.plus(Duration.ofMinutes(59)), applied.plus(Duration.ofMinutes(61)));
        assertThat(cleanup.lastRun().exitCode()).isEqualTo(2);

        assertThat(jobs.get("import").lastRun().exitCode()).isNull();
        assertThat(r.healthy()).isFalse();
        assertThat(r.problems()).anySatisfy(p -> assertThat(p).startsWith("job cleanup's last run (").contains("failed: its command exited with code 2"));
        assertThat(r.problems()).anySatisfy(p -> assertThat(p).startsWith("job import's last run (").contains("never started its command: CannotPullContainerError"));
        assertThat(r.problems()).noneMatch(p -> p.contains("job report"));
    }

    @Test void a_schedule_aws_would_refuse_stops_apply_before_anything_changes() {
        Spec spec = SimHarness.template("worker.yaml").withJobs(Map.of("report",
                new Job("report", "cron(0 25 * * ? *)", null, List.of("x"), null, null, null, Map.of())));
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.failures()).anySatisfy(f -> assertThat(f).startsWith("jobs.report.schedule: EventBridge Scheduler refuses cron(0 25 * * ? *)"));
        assertThat(h.world.mutatingCalls()).isZero();
    }

    @Test void apps_without_jobs_plan_nothing_for_them() {
        Spec spec = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        Plan plan = h.plan(spec);
        assertThat(plan.changes()).extracting(Change::address).noneMatch(a -> a.toString().contains("schedule") || a.toString().startsWith("job-"));
    }
}
