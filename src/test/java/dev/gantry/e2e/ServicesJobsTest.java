package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Version 2: a job runs as the primary service does (web: its roles and log group), whatever it is called. */
class ServicesJobsTest {

    @Test void a_job_of_a_version_2_app_runs_with_the_primary_services_roles_and_logs() throws Exception {
        String text = Files.readString(Path.of("templates/web-api-worker.yaml")).replace("\nservices:\n",
                "\njobs:\n  report:\n    schedule: rate(1 hour)\n    command: [\"sh\", \"-c\", \"echo report written\"]\n\nservices:\n");
        Spec spec = SpecLoader.load("gantry.yaml", text);
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();

        var td = h.aws.ecs().describeTaskDefinition(b -> b.taskDefinition("shop-job-report")).taskDefinition();
        assertThat(td.executionRoleArn()).endsWith("role/gantry/shop/shop-web-execution");
        assertThat(td.taskRoleArn()).endsWith("role/gantry/shop/shop-web-task");
        assertThat(td.containerDefinitions().get(0).logConfiguration().options()).containsEntry("awslogs-group", "/gantry/shop-web");
        assertThat(td.containerDefinitions().get(0).image()).isEqualTo("public.ecr.aws/nginx/nginx:1.27");

        h.world.resetCounters();
        assertThat(h.apply(spec).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).isZero();

        h.time.advance(Duration.ofMinutes(65));
        var arns = h.aws.ecs().listTasks(b -> b.cluster("shop").desiredStatus(DesiredStatus.STOPPED)).taskArns();
        assertThat(h.aws.ecs().describeTasks(b -> b.cluster("shop").tasks(arns)).tasks())
                .anySatisfy(t -> {
                    assertThat(t.group()).isEqualTo("job:report");
                    assertThat(t.containers().get(0).exitCode()).isZero();
                });
    }
}
