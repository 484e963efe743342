package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Version 2: the release command runs in the primary service's task (web, ECS name shop-web), with its log group. */
class ServicesReleaseTest {

    private static Spec load(String release) throws Exception {
        String text = Files.readString(Path.of("templates/web-api-worker.yaml"));
        return SpecLoader.load("gantry.yaml", text.replace("\nservices:\n", "\nrelease:\n  command: " + release + "\n\nservices:\n"));
    }

    @Test void a_release_runs_in_the_primary_services_task_and_a_failing_one_shows_its_last_lines() throws Exception {
        Spec spec = load("[\"sh\", \"-c\", \"echo migrating; echo done\"]");
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        var tasks = h.aws.ecs().listTasks(b -> b.cluster("shop").startedBy("gantry-release").desiredStatus(DesiredStatus.STOPPED)).taskArns();
        assertThat(tasks).hasSize(1);
        assertThat(h.aws.ecs().describeTasks(b -> b.cluster("shop").tasks(tasks)).tasks().get(0).taskDefinitionArn()).contains("task-definition/shop-web:");

        Spec bad = SpecLoader.load("gantry.yaml", Files.readString(Path.of("templates/web-api-worker.yaml"))
                .replace("nginx:1.27", "nginx:1.28")
                .replace("\nservices:\n", "\nrelease:\n  command: [\"sh\", \"-c\", \"echo 'ERROR: no such table'; exit 3\"]\n\nservices:\n"));
        ApplyResult failed = h.apply(bad);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.failures()).anySatisfy(f -> assertThat(f).startsWith("task-definition.web: the release")
                .contains("exited with code 3").endsWith("its last log lines:\n    ERROR: no such table"));
    }
}
