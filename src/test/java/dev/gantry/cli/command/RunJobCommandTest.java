package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;
import dev.gantry.spec.Job;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** gantry run --job NAME: the job's task now, exactly as its schedule starts it, followed to its exit code. */
class RunJobCommandTest {
    final AppContextWorld w = new AppContextWorld();
    final Spec spec = AppContextWorld.template("worker.yaml").withJobs(Map.of("report",
            new Job("report", "cron(0 3 * * ? *)", null, List.of("sh", "-c", "echo rows exported: 42; exit 5"), null, null, null, Map.of())));

    @Test void a_job_runs_now_with_its_own_task_definition_and_counts_as_its_last_run() {
        w.applied(spec);
        int code = w.run(spec, d -> RunCommand.runJob(d, "report", false, new CompletableFuture<>()));
        assertThat(code).as(w.err()).isEqualTo(5);
        assertThat(w.out()).contains("rows exported: 42");
        assertThat(w.err()).contains("Running job report (sh -c").contains("worker-job-report:1").contains("exited with code 5");
        var arns = w.aws.ecs().listTasks(b -> b.cluster("worker").desiredStatus(software.amazon.awssdk.services.ecs.model.DesiredStatus.STOPPED)).taskArns();
        var tasks = w.aws.ecs().describeTasks(b -> b.cluster("worker").tasks(arns)).tasks();
        assertThat(tasks).filteredOn(t -> "job:report".equals(t.group())).singleElement()
                .satisfies(t -> assertThat(t.taskDefinitionArn()).endsWith("task-definition/worker-job-report:1"));
    }

    @Test void a_job_that_runs_past_its_timeout_is_stopped_and_said_to_have_timed_out() {
        Spec slow = AppContextWorld.template("worker.yaml").withJobs(Map.of("report", new Job("report", "cron(0 3 * * ? *)", null,
                List.of("sh", "-c", "echo exporting; sleep 7200; echo exported"), null, null, null, Map.of(), 1800, null)));
        w.applied(slow);
        int code = w.run(slow, d -> RunCommand.runJob(d, "report", false, new CompletableFuture<>()));
        assertThat(code).as(w.err()).isEqualTo(143);
        assertThat(w.out()).contains("exporting").doesNotContain("exported");
        assertThat(w.err()).contains("job report (sh -c").contains("timed out after 30m").doesNotContain("exited with code");
    }

    @Test void a_job_that_is_not_in_gantry_yaml_is_exit_2_naming_the_jobs() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("gantry-runjob");
        java.nio.file.Path file = dir.resolve("gantry.yaml");
        java.nio.file.Files.writeString(file, dev.gantry.spec.yaml.SpecWriter.write(spec));
        Map<String, String> env = Map.of("GANTRY_HOME", dir.resolve("home").toString(), "HOME", dir.toString());
        Captured c = new Captured(env);
        int code = c.gantry("run", "-f", file.toString(), "--simulate", "--job", "nightly");
        assertThat(code).isEqualTo(2);
        assertThat(c.err()).contains("gantry.yaml has no job nightly").contains("jobs: report");
        assertThat(new Captured(env).gantry("run", "-f", file.toString(), "--simulate", "--job", "report", "--", "echo")).isEqualTo(2);
    }

    /** Version 2: a job runs as gantry.yaml describes it (as the primary service); naming a service is exit 2, nothing started. */
    @Test void a_job_with_a_service_named_is_exit_2_saying_the_job_runs_as_gantry_yaml_says() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("gantry-runjob-v2");
        java.nio.file.Path file = dir.resolve("gantry.yaml");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(java.nio.file.Path.of("templates/web-api-worker.yaml"))
                + "\njobs:\n  report:\n    schedule: cron(0 3 * * ? *)\n    command: [sh, -c, echo report]\n");
        Map<String, String> env = Map.of("GANTRY_HOME", dir.resolve("home").toString(), "HOME", dir.toString());
        Captured c = new Captured(env);
        int code = c.gantry("run", "-f", file.toString(), "--simulate", "--job", "report", "--service", "api");
        assertThat(code).as(c.err()).isEqualTo(2);
        assertThat(c.err()).contains("--job runs the job as gantry.yaml describes it").contains("--service").doesNotContain("for now");
    }
}
