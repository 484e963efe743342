package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;
import dev.gantry.cli.edge.ExitCode;
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
    void aWorkerHasNoTargets() {
        Spec spec = AppContextWorld.template("web-api-worker.yaml");
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        assertThat(w.run(spec, d -> StatusCommand.run(d, false, true, "worker"))).as(w.out()).isEqualTo(ExitCode.OK.code());
        assertThat(w.out()).contains("Service worker of shop").contains("shop-worker in cluster shop: 1 desired · 1 running")
                .doesNotContain("Targets ");
    }

    @Test
    void withoutServiceEveryServiceHasItsBlockUnderOneHeadline() {
        Spec spec = AppContextWorld.template("web-api-worker.yaml");
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        assertThat(w.run(spec, d -> StatusCommand.run(d, false, true))).as(w.out()).isEqualTo(ExitCode.OK.code());
        String out = w.out();
        assertThat(out.lines().filter(l -> l.startsWith("shop · us-east-1 · ")).toList()).containsExactly("shop · us-east-1 · ✓ healthy");
        assertThat(out).doesNotContain("--service NAME shows another").doesNotContain("Problems")
                .contains("URL          https://www.example.com\n")
                .contains("Certificate  www.example.com, api.example.com: issued")
                .containsPattern("Balancer     \\S+ \\(shared by web, api\\)")
                .containsPattern("Network      vpc-\\S+ \\(shared by web, api, worker\\)")
                .contains("\nweb · ✓ healthy\n").contains("\napi · ✓ healthy\n").contains("\nworker · ✓ healthy\n")
                .contains("URL          https://api.example.com, https://www.example.com/api/")
                .contains("Reached      worker (no load balancer route, not called by the other services)")
                .contains("Service      shop-web in cluster shop: 2 desired · 2 running")
                .contains("Service      shop-api in cluster shop: 2 desired · 2 running")
                .contains("Service      shop-worker in cluster shop: 1 desired · 1 running")
                .containsPattern("Image        public.ecr.aws/docker/library/busybox:1.36 · runs sha256:[0-9a-f]{64} \\(1 task\\)");
        // The shared pieces once; each public service its own targets, the worker none.
        assertThat(out.split("Certificate  ", -1)).hasSize(2);
        assertThat(out.split("Targets      ", -1)).hasSize(3);
        assertThat(out.split("\nCost ", -1)).hasSize(2);
    }

    @Test
    void aServiceWhoseTasksCrashMakesTheHeadlineUnhealthyAndIsNamed() throws Exception {
        Spec spec = crashingApi();
        AppContextWorld w = new AppContextWorld();
        assertThat(w.apply(spec).exitCode()).isEqualTo(1);

        assertThat(w.run(spec, d -> StatusCommand.run(d, false, true))).as(w.out()).isEqualTo(ExitCode.FAILED.code());
        assertThat(w.out()).containsPattern("shop · us-east-1 · ✗ \\d+ problems?")
                .contains("\nweb · ✓ healthy\n").contains("\nworker · ✓ healthy\n").containsPattern("\napi · ✗ \\d+ problems?\n")
                .contains("✗ api: 0 of 2 tasks running")
                .contains("Why: api: ")
                // the fix names the API's image, not the web front's
                .contains("docker run public.ecr.aws/docker/library/httpd:2.4-crash");
        assertThat(w.out().lines().filter(l -> l.startsWith("  ✗ ")).toList()).allSatisfy(l -> assertThat(l).startsWith("  ✗ api: "));

        // --service web still judges web alone: healthy (drifted only by the API's unfinished rollout).
        assertThat(w.run(spec, d -> StatusCommand.run(d, false, true, "web"))).as(w.out()).isEqualTo(ExitCode.CHANGES_PENDING.code());
        assertThat(w.out()).contains("Service web of shop").contains("shop · us-east-1 · ✓ healthy · drift: 1");
    }

    @Test
    void theJsonCarriesEveryServiceInAnArray() throws Exception {
        Spec spec = crashingApi();
        AppContextWorld w = new AppContextWorld();
        w.apply(spec);
        w.streams.clear();
        w.run(spec, d -> StatusCommand.run(d, true, false));
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(w.out());
        assertThat(j.get("healthy").asBoolean()).isFalse();
        assertThat(j.get("problems").get(0).asText()).isEqualTo("api: 0 of 2 tasks running (2 starting)");
        com.fasterxml.jackson.databind.JsonNode services = j.get("services");
        assertThat(services).hasSize(3);
        assertThat(services.findValuesAsText("name")).contains("web", "api", "worker");
        assertThat(services.get(0).get("name").asText()).isEqualTo("web");
        assertThat(services.get(0).get("healthy").asBoolean()).isTrue();
        assertThat(services.get(0).get("urls").get(0).asText()).isEqualTo("https://www.example.com");
        assertThat(services.get(0).at("/loadBalancer/healthy").asInt()).isEqualTo(2);
        assertThat(services.get(0).at("/service/images/0/digest").asText()).startsWith("sha256:");
        assertThat(services.get(1).get("healthy").asBoolean()).isFalse();
        assertThat(services.get(1).get("problems").get(0).asText()).isEqualTo("0 of 2 tasks running (2 starting)");
        assertThat(services.get(1).at("/service/diagnosis/cause").asText()).isEqualTo("container-exited");
        assertThat(services.get(2).get("reach").asText()).isEqualTo("worker");
        assertThat(services.get(2).get("loadBalancer").isNull()).isTrue();
        assertThat(services.get(2).at("/service/running").asInt()).isEqualTo(1);
        // The fields one service had stay: the primary service's.
        assertThat(j.at("/service/name").asText()).isEqualTo("shop-web");
    }

    /** templates/web-api-worker.yaml with an API image whose container exits at once. */
    private static Spec crashingApi() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("svc").resolve("gantry.yaml");
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("templates/web-api-worker.yaml"))
                .replace("library/httpd:2.4", "library/httpd:2.4-crash");
        java.nio.file.Files.writeString(file, text);
        return dev.gantry.spec.yaml.SpecLoader.load(file);
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
