package dev.gantry.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * status of templates/web-api-worker.yaml with alerts: each service's block lists its own alarms,
 * the load balancer's are the app's; a service's firing alarm is its problem. JSON adds each
 * alarm's service and each service's alarm names.
 */
class ServicesAlertsStatusTest {
    static Spec spec() throws Exception {
        return SpecLoader.load("gantry.yaml", Files.readString(Path.of("templates/web-api-worker.yaml")) + "\nalerts:\n  email: [ops@example.com]\n");
    }

    /** The API scaled to zero by hand: its running-count alarm fires, the others stay OK. */
    static AppContextWorld apiDown(Spec spec) {
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        w.time.advance(Duration.ofMinutes(5));
        w.aws.ecs().updateService(b -> b.cluster("shop").service("shop-api").desiredCount(0));
        w.time.advance(Duration.ofMinutes(6));
        return w;
    }

    @Test void eachBlockListsItsOwnAlarmsAndAFiringOneIsItsProblem() throws Exception {
        Spec spec = spec();
        AppContextWorld w = apiDown(spec);
        assertThat(w.run(spec, d -> StatusCommand.run(d, false, true))).as(w.out()).isEqualTo(ExitCode.FAILED.code());
        String out = w.out();
        String web = out.substring(out.indexOf("\nweb · "), out.indexOf("\napi · "));
        String api = out.substring(out.indexOf("\napi · "), out.indexOf("\nworker · "));
        String worker = out.substring(out.indexOf("\nworker · "), out.indexOf("\nAlert email"));
        assertThat(web).startsWith("\nweb · ✓ healthy").contains("Alarms       4 of 4 OK\n");
        assertThat(api).startsWith("\napi · ✗ 1 problem").contains("Alarms       3 of 4 OK; shop-api-below-desired firing since ");
        // No Container Insights: the worker's running count never has data (README, Alarms), and status says why.
        assertThat(worker).startsWith("\nworker · ✓ healthy")
                .contains("Alarms       2 of 3 OK; shop-worker-below-desired has no data: its metric needs cluster.containerInsights: true\n")
                .endsWith("Alarms       3 of 3 OK (the load balancer's, over every public service)");
        assertThat(out.lines().filter(l -> l.startsWith("  ✗ ")).toList())
                .singleElement().satisfies(l -> assertThat(l).startsWith("  ✗ api: the alarm shop-api-below-desired is firing since "));
    }

    @Test void theJsonSaysWhichServiceEachAlarmWatches() throws Exception {
        Spec spec = spec();
        AppContextWorld w = apiDown(spec);
        w.run(spec, d -> StatusCommand.run(d, true, false));
        JsonNode j = new ObjectMapper().readTree(w.out());
        JsonNode alarms = j.at("/alerts/alarms");
        assertThat(alarms).hasSize(14);
        for (JsonNode a : alarms) {
            String name = a.get("name").asText();
            String service = a.get("service").isNull() ? null : a.get("service").asText();
            if (name.startsWith("shop-web-")) assertThat(service).isEqualTo("web");
            else if (name.startsWith("shop-api-")) assertThat(service).isEqualTo("api");
            else if (name.startsWith("shop-worker-")) assertThat(service).isEqualTo("worker");
            else assertThat(service).as(name).isNull();
        }
        assertThat(alarms.findValues("noDataBecause").stream().filter(n -> !n.isNull()).map(JsonNode::asText).toList())
                .containsExactly("its metric needs cluster.containerInsights: true");
        assertThat(j.at("/services/1/name").asText()).isEqualTo("api");
        assertThat(j.at("/services/1/healthy").asBoolean()).isFalse();
        assertThat(j.at("/services/1/alarms")).extracting(JsonNode::asText)
                .containsExactly("shop-api-below-desired", "shop-api-cpu-high", "shop-api-memory-high", "shop-api-unhealthy-targets");
    }

    @Test void statusOfOneServiceShowsItsAlarmsAndTheLoadBalancers() throws Exception {
        Spec spec = spec();
        AppContextWorld w = apiDown(spec);
        w.run(spec, d -> StatusCommand.run(d, false, true, "worker"));
        assertThat(w.out()).contains("Alarms       2 of 3 OK; shop-worker-below-desired has no data: its metric needs").doesNotContain("shop-api-").doesNotContain("Problems");
        w.streams.clear();
        w.run(spec, d -> StatusCommand.run(d, false, true, "api"));
        assertThat(w.out()).contains("Alarms       6 of 7 OK; shop-api-below-desired firing").contains("✗ the alarm shop-api-below-desired is firing");
    }

    @Test void withContainerInsightsTheWorkersRunningCountHasData() throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", Files.readString(Path.of("templates/web-api-worker.yaml"))
                + "\ncluster:\n  containerInsights: true\nalerts:\n  email: [ops@example.com]\n");
        AppContextWorld w = apiDown(spec);
        w.run(spec, d -> StatusCommand.run(d, false, true, "worker"));
        assertThat(w.out()).contains("Alarms       3 of 3 OK\n").doesNotContain("has no data");
    }
}
