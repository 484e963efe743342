package dev.gantry.cli.command;

import dev.gantry.cli.wiring.SimAccount;
import dev.gantry.ops.OneOffTask;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** gantry run: a one-off task of the service's task definition, followed to its exit code, on the simulated AWS. */
class RunCommandTest {
    final AppContextWorld w = new AppContextWorld();
    final Spec spec = AppContextWorld.template("worker.yaml");

    int run(List<String> command, boolean detach, CompletableFuture<Void> stop) {
        return w.run(spec, d -> RunCommand.run(d, new OneOffTask.Request(command, null, null), detach, stop));
    }

    List<Task> oneOffTasks(DesiredStatus status) {
        var arns = w.aws.ecs().listTasks(b -> b.cluster("worker").startedBy(OneOffTask.STARTED_BY).desiredStatus(status)).taskArns();
        return arns.isEmpty() ? List.of() : w.aws.ecs().describeTasks(b -> b.cluster("worker").tasks(arns)).tasks();
    }

    @Test void a_command_runs_in_the_services_task_definition_its_output_is_shown_and_its_exit_code_is_gantrys() {
        w.applied(spec);
        var service = w.aws.ecs().describeServices(b -> b.cluster("worker").services("worker")).services().get(0);

        int code = run(List.of("sh", "-c", "echo migrating; sleep 20; echo 'done: 3 tables'"), false, new CompletableFuture<>());

        assertThat(code).as(w.err()).isZero();
        assertThat(w.out()).contains("migrating").contains("done: 3 tables");
        assertThat(w.err()).contains("Running sh -c").contains("exited with code 0 after");
        Task t = oneOffTasks(DesiredStatus.STOPPED).get(0);
        assertThat(t.taskDefinitionArn()).isEqualTo(service.taskDefinition());
        String subnet = t.attachments().get(0).details().stream().filter(k -> k.name().equals("subnetId")).findFirst().orElseThrow().value();
        assertThat(service.networkConfiguration().awsvpcConfiguration().subnets()).contains(subnet);
        assertThat(t.stopCodeAsString()).isEqualTo("EssentialContainerExited");
        // The service was left alone: its one task still runs.
        assertThat(w.aws.ecs().describeServices(b -> b.cluster("worker").services("worker")).services().get(0).runningCount()).isEqualTo(1);
    }

    @Test void a_failing_command_ends_gantry_with_the_same_code_and_its_last_lines_shown() {
        w.applied(spec);
        int code = run(List.of("sh", "-c", "echo 'relation users already exists'; exit 3"), false, new CompletableFuture<>());
        assertThat(code).isEqualTo(3);
        assertThat(w.out()).contains("relation users already exists");
        assertThat(w.err()).contains("exited with code 3");
    }

    @Test void a_task_that_cannot_start_is_exit_1_with_the_reason_in_plain_words() {
        w.applied(spec);
        // Someone deleted the log group: the Fargate agent cannot set up the awslogs driver.
        w.aws.logs().deleteLogGroup(b -> b.logGroupName("/gantry/worker"));
        int code = run(List.of("true"), false, new CompletableFuture<>());
        assertThat(code).isEqualTo(1);
        assertThat(w.err()).contains("could not run its command").containsIgnoringCase("log");
        assertThat(oneOffTasks(DesiredStatus.STOPPED).get(0).stopCodeAsString()).isEqualTo("TaskFailedToStart");
    }

    @Test void ctrl_c_asks_ecs_to_stop_the_task_waits_for_it_and_ends_with_130() {
        w.applied(spec);
        CompletableFuture<Void> stop = new CompletableFuture<>();
        w.time.schedule(Duration.ofMinutes(2), () -> stop.complete(null));
        int code = run(List.of("sh", "-c", "echo working; sleep 3600"), false, stop);
        assertThat(code).isEqualTo(130);
        assertThat(w.out()).contains("working");
        assertThat(w.err()).contains("Stopped task").contains("code 143");
        Task t = oneOffTasks(DesiredStatus.STOPPED).get(0);
        assertThat(t.lastStatus()).isEqualTo("STOPPED");
        assertThat(t.stopCodeAsString()).isEqualTo("UserInitiated");
        assertThat(oneOffTasks(DesiredStatus.RUNNING)).isEmpty();
    }

    @Test void detach_prints_the_task_id_and_how_to_follow_it() {
        w.applied(spec);
        int code = run(List.of("sh", "-c", "sleep 600"), true, new CompletableFuture<>());
        assertThat(code).isZero();
        Task t = oneOffTasks(DesiredStatus.RUNNING).get(0);
        String id = t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
        assertThat(w.out().trim()).isEqualTo(id);
        assertThat(w.err()).contains("gantry logs --task " + id + " --follow");
    }

    @Test void before_the_first_apply_there_is_nothing_to_run_and_gantry_says_so() {
        w.world.state.region = spec.region();
        SimAccount.prepare(w.world, spec);
        int code = run(List.of("true"), false, new CompletableFuture<>());
        assertThat(code).isEqualTo(1);
        assertThat(w.err()).contains("does not exist").contains("gantry apply");
    }

    @Test void the_command_line_refuses_a_run_without_a_command_or_with_another_service(@org.junit.jupiter.api.io.TempDir Path home) {
        CliRun none = CliRun.gantry(home, Map.of(), "run", "--simulate", "-f", "templates/worker.yaml");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no command to run").contains("gantry run -- ");
        CliRun other = CliRun.gantry(home, Map.of(), "run", "--simulate", "-f", "templates/worker.yaml", "--service", "api", "--", "true");
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("has no service api; it has worker");
    }

    @Test void end_to_end_through_the_command_line_with_the_container_exit_code(@org.junit.jupiter.api.io.TempDir Path home) {
        assertThat(CliRun.gantry(home, Map.of(), "apply", "--simulate", "--yes", "-f", "templates/worker.yaml").code()).isZero();
        CliRun r = CliRun.gantry(home, Map.of(), "run", "--simulate", "-f", "templates/worker.yaml", "--", "sh", "-c", "echo hi; exit 7");
        assertThat(r.code()).as(r.err()).isEqualTo(7);
        assertThat(r.out()).contains("hi");
    }
}
