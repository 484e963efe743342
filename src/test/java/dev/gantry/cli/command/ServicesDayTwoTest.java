package dev.gantry.cli.command;

import dev.gantry.ops.DeployHistory;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** history, rollback and exec on a version-2 app: the service named, or the primary one, never the app's name. */
class ServicesDayTwoTest {
    final AppContextWorld w = new AppContextWorld();

    static Spec load(String text) throws Exception { return SpecLoader.load("gantry.yaml", text); }

    @Test void history_and_rollback_act_on_the_service_named_and_history_defaults_to_the_primary() throws Exception {
        String text = Files.readString(Path.of("templates/web-api-worker.yaml"));
        Spec first = load(text);
        Spec second = load(text.replace("httpd:2.4", "httpd:2.4.62"));
        w.applied(first);
        w.applied(second);

        // Without --service: the primary service, web (shop-web), deployed once.
        assertThat(w.run(second, d -> HistoryCommand.run(d, false))).isZero();
        assertThat(w.out()).contains("revision 1  completed").doesNotContain("revision 2").doesNotContain("No deployments");
        w.streams.clear();
        assertThat(w.run(second, d -> HistoryCommand.run(d, false, "shop-api"))).isZero();
        assertThat(w.out()).contains("revision 2  completed").contains("httpd:2.4 → public.ecr.aws/docker/library/httpd:2.4.62");
        w.streams.clear();

        DeployHistory.Entry good = DeployHistory.read(w.aws, "shop", "shop-api").get(1);
        int code = w.run(second, d -> RollbackCommand.run(d, null, q -> true, new CompletableFuture<>(), "shop-api", "public.ecr.aws/docker/library/httpd:2.4.62"));
        assertThat(code).as(w.err()).isZero();
        String pinned = "public.ecr.aws/docker/library/httpd:2.4@" + good.digest();
        assertThat(w.out()).contains("Rolled back: service shop-api").contains("gantry.yaml still describes image public.ecr.aws/docker/library/httpd:2.4.62");
        assertThat(w.aws.ecs().describeServices(b -> b.cluster("shop").services("shop-api")).services().get(0).taskDefinition()).endsWith("shop-api:3");
        assertThat(w.aws.ecs().describeTaskDefinition(b -> b.taskDefinition("shop-api:3")).taskDefinition().containerDefinitions().get(0).image()).isEqualTo(pinned);
        // The other services were not touched.
        assertThat(w.aws.ecs().describeServices(b -> b.cluster("shop").services("shop-web")).services().get(0).taskDefinition()).endsWith("shop-web:1");
    }

    @Test void exec_names_the_service_it_looked_at() throws Exception {
        Spec spec = load(Files.readString(Path.of("templates/web-api-worker.yaml")));
        w.applied(spec);
        int code = w.run(spec, d -> ExecCommand.run(d, null, "ls", null, null, spec.services().get("worker"), "shop-worker"));
        assertThat(code).isEqualTo(2);
        assertThat(w.err()).contains("ECS Exec is not enabled for service shop-worker").contains("set exec: true under services.worker.service: in gantry.yaml");
    }

    @Test void run_starts_the_command_in_the_named_services_task_and_shows_its_output() throws Exception {
        Spec spec = load(Files.readString(Path.of("templates/web-api-worker.yaml")));
        w.applied(spec);
        int code = w.run(spec, d -> RunCommand.run(d, new dev.gantry.ops.OneOffTask.Request(java.util.List.of("sh", "-c", "echo migrating api"), null, null),
                false, new CompletableFuture<>(), "shop-api"));
        assertThat(code).as(w.err()).isZero();
        assertThat(w.out()).contains("migrating api");
        var arns = w.aws.ecs().listTasks(b -> b.cluster("shop").startedBy(dev.gantry.ops.OneOffTask.STARTED_BY)
                .desiredStatus(software.amazon.awssdk.services.ecs.model.DesiredStatus.STOPPED)).taskArns();
        var task = w.aws.ecs().describeTasks(b -> b.cluster("shop").tasks(arns)).tasks().get(0);
        assertThat(task.taskDefinitionArn()).contains(":task-definition/shop-api:");
    }

    @Test void run_job_follows_a_version_2_jobs_output_from_the_primary_services_log_group() throws Exception {
        Spec spec = load(Files.readString(Path.of("templates/web-api-worker.yaml")).replace("\nservices:\n",
                "\njobs:\n  report:\n    schedule: rate(1 day)\n    command: [\"sh\", \"-c\", \"echo report written\"]\n\nservices:\n"));
        w.applied(spec);
        int code = w.run(spec, d -> RunCommand.runJob(d, "report", false, new CompletableFuture<>()));
        assertThat(code).as(w.err()).isZero();
        assertThat(w.out()).contains("report written");
    }
}
