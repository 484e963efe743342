package dev.gantry.ui.line;

import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.wizard.Outcome;
import dev.gantry.wizard.SpecStore;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.gantry.ui.line.LinePrompterTest.drive;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 21 item 5 in the line prompts: "Add another service?", only its own questions, edit and remove at Review. */
class LinePrompterServicesTest {

    @Test
    void aWorkerIsAddedAfterTheFirstServiceWithOnlyItsOwnQuestions() throws Exception {
        var store = new SpecStore.Memory(null);
        List<String> in = new ArrayList<>(List.of(
                "", "hello", "", "",          // region, app, image, port
                "", "", "", "",               // network
                "", "",                       // cluster
                "", "", "", "",               // task
                "",                           // secrets
                "", "", "", "", "",           // service
                "", "", "", "", "",           // load balancer
                "", "",                       // certificate: none; DNS: no
                "", "",                       // alerts & guard
                "",                           // environments: none
                "robot",                      // add another service? not a kind
                "worker", "Mailer", "mailer", // a worker; a bad name, then a good one
                "public.ecr.aws/docker/library/busybox:1.36", "")); // its image; no port
        in.addAll(Collections.nCopies(12, ""));  // task, secrets, service, load balancer: defaults
        in.addAll(List.of("", "save"));           // no other service; save
        var r = drive(store, in.toArray(String[]::new));
        assertThat(r.outcome()).isEqualTo(Outcome.SAVED);
        String out = r.output();
        assertThat(out).contains("── Add another service?").contains("✗ answer no, web, internal or worker")
                .contains("✗ services.Mailer: a service's name is lowercase letters")
                .contains("Now mailer's own questions; the app's shared answers stand.")
                .contains("· App · service mailer").contains("· Load balancer · service mailer")
                .contains("Service mailer is described.");
        // The shared screens are not asked again for the worker.
        String walk = out.substring(out.indexOf("Now mailer's own questions"), out.indexOf("Service mailer is described."));
        assertThat(walk).doesNotContain("· Network").doesNotContain("· Cluster").doesNotContain("· Certificate")
                .doesNotContain("· DNS").doesNotContain("App name");
        Spec spec = SpecLoader.load("gantry.yaml", store.text);
        assertThat(spec.services().keySet()).containsExactly("hello", "mailer");
        assertThat(spec.services().get("mailer").isWorker()).isTrue();
        assertThat(spec.services().get("mailer").task().port()).isNull();
    }

    @Test
    void reviewEditsOneServiceAndRemovesAnotherAfterSayingWhatGoes() throws Exception {
        String before = Files.readString(Path.of("templates/web-api-worker.yaml"));
        var store = new SpecStore.Memory(before);
        // Review, pick the worker, open its Service section: 3 copies; the rest as they are, then save.
        List<String> in = new ArrayList<>(List.of("review", "service worker", "service", "3"));
        in.addAll(Collections.nCopies(30, ""));
        var r0 = drive(new SpecStore.Memory(before), "review", "remove worker", "n", "remove worker", "y", "save");
        assertThat(r0.output()).contains("services: web, api, worker (editing web; service NAME picks another, add, remove NAME)")
                .contains("Removing worker deletes, at the next apply:").contains("ECS service shop-worker")
                .contains("Kept running, served throughout: web, api").contains("Removed worker from the spec.");
        assertThat(r0.outcome()).isEqualTo(Outcome.SAVED);

        var r = drive(store, in.toArray(String[]::new));
        assertThat(r.output()).contains("Editing service worker: the App, Task, Secrets, Service and Load balancer sections now ask about it")
                .contains("· Service · service worker");
        assertThat(r.outcome()).isEqualTo(Outcome.SAVED);
        Spec was = SpecLoader.load("gantry.yaml", before);
        Spec now = SpecLoader.load("gantry.yaml", store.text);
        assertThat(now.services().get("worker").service().desiredCount()).isEqualTo(3);
        assertThat(now.services().get("web")).isEqualTo(was.services().get("web"));
        assertThat(now.services().get("api")).isEqualTo(was.services().get("api"));
    }
}
