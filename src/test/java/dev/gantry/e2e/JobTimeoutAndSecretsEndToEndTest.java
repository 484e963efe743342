package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.ops.StatusGatherer;
import dev.gantry.ops.StatusReport;
import dev.gantry.plan.Plan;
import dev.gantry.spec.Job;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job's {@code timeout} (a second, essential container that sleeps for it: ECS stops the task
 * when it exits) and {@code secrets} (the job's task definition carries only those), end to end
 * on the simulated AWS and virtual time.
 */
class JobTimeoutAndSecretsEndToEndTest {
    private static List<Task> tasksOf(SimHarness h, String job) {
        List<String> arns = new ArrayList<>(h.aws.ecs().listTasks(b -> b.cluster("worker").desiredStatus(DesiredStatus.STOPPED)).taskArns());
        arns.addAll(h.aws.ecs().listTasks(b -> b.cluster("worker")).taskArns());
        if (arns.isEmpty()) return List.of();
        return h.aws.ecs().describeTasks(b -> b.cluster("worker").tasks(arns)).tasks().stream().filter(t -> ("job:" + job).equals(t.group())).toList();
    }

    private static TaskDefinition jobTaskDefinition(SimHarness h, String job) {
        return h.aws.ecs().describeTaskDefinition(b -> b.taskDefinition("worker-job-" + job)).taskDefinition();
    }

    private static Integer commandExit(Task t) {
        return t.containers().stream().filter(c -> c.name().equals("worker")).findFirst().orElseThrow().exitCode();
    }

    @Test void a_job_longer_than_its_timeout_is_stopped_at_it_and_status_says_so_one_within_it_ends_normally() {
        Spec spec = SimHarness.template("worker.yaml").withJobs(Map.of(
                "slow", new Job("slow", "rate(1 hour)", null, List.of("sh", "-c", "echo started; sleep 3600; echo finished"), null, null, null, Map.of(),
                        1800, null),
                "quick", new Job("quick", "rate(1 hour)", null, List.of("sh", "-c", "echo done"), null, null, null, Map.of(), 1800, null)));
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult applied = h.apply(spec);
        assertThat(applied.exitCode()).as(applied.failures().toString()).isZero();

        List<ContainerDefinition> containers = jobTaskDefinition(h, "slow").containerDefinitions();
        assertThat(containers).hasSize(2);
        assertThat(containers.get(1).name()).isEqualTo("timeout");
        assertThat(containers.get(1).essential()).isTrue();
        assertThat(containers.get(1).command()).containsExactly("sleep", "1800");
        assertThat(containers.get(1).image()).isEqualTo("public.ecr.aws/docker/library/busybox:1.36");
        assertThat(containers.get(1).logConfiguration().options()).containsEntry("awslogs-group", containers.get(0).logConfiguration().options().get("awslogs-group"));
        assertThat(h.aws.ecs().describeTaskDefinition(b -> b.taskDefinition("worker")).taskDefinition().containerDefinitions())
                .as("the service's task definition has no timeout").hasSize(1);

        h.world.resetCounters();
        assertThat(h.plan(spec).mutating()).as("converged").isEmpty();
        assertThat(h.apply(spec).exitCode()).isZero();
        assertThat(h.world.mutatingCalls()).isZero();

        h.time.advance(Duration.ofMinutes(95));
        Task slow = tasksOf(h, "slow").stream().filter(t -> "STOPPED".equals(t.lastStatus())).findFirst().orElseThrow();
        assertThat(slow.stopCodeAsString()).isEqualTo("EssentialContainerExited");
        assertThat(commandExit(slow)).as("SIGTERM").isEqualTo(143);
        assertThat(Duration.between(slow.startedAt(), slow.stoppedAt())).isBetween(Duration.ofMinutes(30), Duration.ofMinutes(31));
        Task quick = tasksOf(h, "quick").stream().filter(t -> "STOPPED".equals(t.lastStatus())).findFirst().orElseThrow();
        assertThat(commandExit(quick)).isZero();
        assertThat(Duration.between(quick.startedAt(), quick.stoppedAt())).isLessThan(Duration.ofMinutes(1));

        StatusReport r = new StatusGatherer(h.aws, h.engine(), h.time).gather(spec);
        Map<String, StatusReport.JobStatus> jobs = new java.util.TreeMap<>();
        r.jobs().forEach(j -> jobs.put(j.name(), j));
        assertThat(jobs.get("slow").lastRun().timedOut()).isTrue();
        assertThat(jobs.get("quick").lastRun().timedOut()).isFalse();
        assertThat(jobs.get("quick").lastRun().exitCode()).isZero();
        assertThat(r.problems()).anySatisfy(p -> assertThat(p).startsWith("job slow's last run (").contains("timed out after 30m").doesNotContain("exited with code"));
        assertThat(r.problems()).noneMatch(p -> p.contains("job quick"));
    }

    @Test void adding_a_timeout_changes_only_that_jobs_task_definition_and_removing_it_takes_the_container_away() {
        Job plain = new Job("report", "rate(1 hour)", null, List.of("sh", "-c", "echo report"), null, null, null, Map.of());
        Spec before = SimHarness.template("worker.yaml").withJobs(Map.of("report", plain));
        SimHarness h = new SimHarness().prepare(before);
        assertThat(h.apply(before).exitCode()).isZero();
        assertThat(jobTaskDefinition(h, "report").containerDefinitions()).as("no timeout, no second container").hasSize(1);

        Spec timed = before.withJobs(Map.of("report", new Job("report", "rate(1 hour)", null, List.of("sh", "-c", "echo report"), null, null, null, Map.of(), 600, null)));
        Plan plan = h.plan(timed);
        assertThat(plan.mutating()).extracting(c -> c.address().toString()).contains("job-task-definition.report")
                .doesNotContain("task-definition.main", "service.main");
        assertThat(h.apply(timed).exitCode()).isZero();
        assertThat(jobTaskDefinition(h, "report").containerDefinitions()).hasSize(2);
        assertThat(h.plan(timed).mutating()).isEmpty();

        assertThat(h.plan(before).mutating()).extracting(c -> c.address().toString()).contains("job-task-definition.report");
        assertThat(h.apply(before).exitCode()).isZero();
        assertThat(jobTaskDefinition(h, "report").containerDefinitions()).hasSize(1);
        assertThat(h.plan(before).mutating()).isEmpty();
    }

    @Test void a_job_gets_only_the_secrets_it_names_and_the_execution_role_still_reads_the_apps() throws Exception {
        String yaml = Files.readString(Path.of("templates", "worker.yaml"))
                .replace("    QUEUE_NAME: jobs\n", "    QUEUE_NAME: jobs\n  secrets:\n    DB_PASSWORD: {parameter: /worker/db}\n    API_TOKEN: {parameter: /worker/api}\n")
                + "\njobs:\n  report:\n    schedule: rate(1 hour)\n    command: [sh, \"-c\", \"echo report\"]\n    secrets: [DB_PASSWORD]\n"
                + "  all:\n    schedule: rate(1 hour)\n    command: [sh, \"-c\", \"echo all\"]\n";
        Spec spec = SpecLoader.load("gantry.yaml", yaml);
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult applied = h.apply(spec);
        assertThat(applied.exitCode()).as(applied.failures().toString()).isZero();

        assertThat(jobTaskDefinition(h, "report").containerDefinitions().get(0).secrets()).extracting(s -> s.name()).containsExactly("DB_PASSWORD");
        assertThat(jobTaskDefinition(h, "all").containerDefinitions().get(0).secrets()).extracting(s -> s.name())
                .as("no secrets: named all of them, as before").containsExactlyInAnyOrder("DB_PASSWORD", "API_TOKEN");
        String policies = String.join("\n", h.aws.iam().listRolePolicies(b -> b.roleName("worker-execution")).policyNames().stream()
                .map(n -> java.net.URLDecoder.decode(h.aws.iam().getRolePolicy(b -> b.roleName("worker-execution").policyName(n)).policyDocument(),
                        java.nio.charset.StandardCharsets.UTF_8)).toList());
        assertThat(policies).contains("parameter/worker/db", "parameter/worker/api");
        assertThat(h.plan(spec).mutating()).isEmpty();

        h.time.advance(Duration.ofMinutes(65));
        assertThat(tasksOf(h, "report")).isNotEmpty().allSatisfy(t -> assertThat(commandExit(t)).isZero());
    }
}
