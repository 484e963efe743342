package dev.gantry.cli;

import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** status and logs --service NAME on templates/web-api-worker.yaml: one service and what it shares. */
class ServicesStatusTest {
    @Test
    void eachServiceHasItsOwnStatusAndAHealthyOneExitsZeroWithDetailedExitCode() {
        Spec spec = AppContextWorld.template("web-api-worker.yaml");
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);

        assertThat(w.run(spec, d -> StatusCommand.run(d, false, true, "api"))).as(w.out()).isEqualTo(ExitCode.OK.code());
        assertThat(w.out()).contains("Service api of shop (3 services: web, api, worker; --service NAME shows another)")
                .contains("URL          https://api.example.com")
                .contains("Service      shop-api in cluster shop: 2 desired · 2 running")
                .contains("web: 2 × task").contains("worker: 1 × task")
                .contains("share one network and one load balancer")
                .doesNotContain("Problems");
    }

    @Test
    void aWorkerHasNoTargetsAndTheDefaultIsThePrimaryService() {
        Spec spec = AppContextWorld.template("web-api-worker.yaml");
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        assertThat(w.run(spec, d -> StatusCommand.run(d, false, true, "worker"))).as(w.out()).isEqualTo(ExitCode.OK.code());
        assertThat(w.out()).contains("Service worker of shop").contains("shop-worker in cluster shop: 1 desired · 1 running")
                .doesNotContain("Targets ");
        assertThat(w.run(spec, d -> StatusCommand.run(d, false, true))).as(w.out()).isEqualTo(ExitCode.OK.code());
        assertThat(w.out()).contains("Service web of shop").contains("URL          https://www.example.com");
    }

    @Test
    void aServiceTheFileDoesNotHaveIsRefusedWithExit2() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("svc");
        java.nio.file.Path file = dir.resolve("gantry.yaml");
        java.nio.file.Files.copy(java.nio.file.Path.of("templates/web-api-worker.yaml"), file);
        Captured io = new Captured(java.util.Map.of("GANTRY_HOME", dir.toString(), "HOME", dir.toString()));
        assertThat(io.gantry("status", "-f", file.toString(), "--simulate", "--service", "admin")).isEqualTo(2);
        assertThat(io.err()).contains("gantry.yaml has no service admin; it has web, api, worker");
    }

    @Test
    void logsOfOneServiceComeFromItsOwnLogGroup() {
        Spec spec = AppContextWorld.template("web-api-worker.yaml");
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        assertThat(w.run(spec, d -> LogsCommand.run(d, "10m", null, false, new CompletableFuture<>(), "worker")))
                .as(w.err()).isZero();
        assertThat(w.world.state.logs.groups).containsKeys("/gantry/shop-web", "/gantry/shop-api", "/gantry/shop-worker");
        // Every line is from a task of shop-worker (the simulated containers all say nginx's words).
        List<String> workerTasks = w.world.state.ecs.tasks.values().stream().filter(t -> "shop-worker".equals(t.service))
                .map(t -> "[" + t.id.substring(0, 8) + "]").toList();
        assertThat(w.out().lines().toList()).isNotEmpty().allSatisfy(l -> assertThat(workerTasks).contains(l.substring(0, 10)));
    }
}
