package dev.gantry.cli.command;

import dev.gantry.cli.edge.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code apply --service NAME} on templates/web-api-worker.yaml, through the command line, on the simulated AWS. */
class ApplyServiceTest {
    @TempDir Path home;

    private CliRun gantry(String... args) { return CliRun.gantry(home, Map.of(), args); }

    private Path file(String text) throws Exception {
        Path f = home.resolve("gantry.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void onlyTheNamedServicesOwnChangesAreAppliedAndTheRestIsSaid() throws Exception {
        String template = Files.readString(Path.of("templates/web-api-worker.yaml"));
        Path f = file(template);
        CliRun first = gantry("apply", "--simulate", "--yes", "-f", f.toString());
        assertThat(first.code()).as(first.out() + first.err()).isZero();

        // Two services' images change, and the worker's count: apply --service api makes api's change only.
        file(template.replace("httpd:2.4", "httpd:2.4.62").replace("nginx:1.27", "nginx:1.28").replace("desiredCount: 1", "desiredCount: 2"));
        CliRun api = gantry("apply", "--simulate", "--yes", "--service", "api", "-f", f.toString());
        assertThat(api.code()).as(api.out() + api.err()).isZero();
        assertThat(api.out()).contains("~ task-definition.api").contains("~ service.api")
                .doesNotContain("~ task-definition.web").doesNotContain("~ service.web").doesNotContain("~ service.worker")
                .contains("--service api: only api's own resources are applied; the other services (web, worker) and the shared pieces are left as they are."
                        + " Not applied now: ");
        assertThat(api.out().replaceAll("\\s+", " ")).contains("task-definition.web update").contains("service.web update")
                .contains("service.worker update");

        // What is left is exactly the other services' changes.
        CliRun plan = gantry("plan", "--simulate", "-f", f.toString());
        assertThat(plan.out()).contains("~ task-definition.web").contains("~ service.web").contains("~ service.worker")
                .doesNotContain("task-definition.api");

        // Nothing of the service's left: it says so, and changes nothing.
        CliRun again = gantry("apply", "--simulate", "--yes", "--service", "api", "-f", f.toString());
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("No changes");
        assertThat(gantry("plan", "--simulate", "-f", f.toString()).out()).contains("~ task-definition.web");
    }

    @Test
    void aServiceTheFileDoesNotHaveIsExit2BeforeAnyAwsCall() throws Exception {
        Path f = file(Files.readString(Path.of("templates/web-api-worker.yaml")));
        CliRun r = gantry("apply", "--simulate", "--yes", "--service", "admin", "-f", f.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(r.err()).contains("gantry.yaml has no service admin; it has web, api, worker");
        assertThat(home.resolve("simulated/us-east-1.json")).doesNotExist();
    }
}
