package dev.gantry.ui.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.gantry.cost.Prices;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.wizard.LookupResults;
import dev.gantry.wizard.Outcome;
import dev.gantry.wizard.SpecStore;
import dev.gantry.wizard.WizardSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 21 item 5 on lanterna's virtual terminal: add a service after the first, pick one to edit, remove one. */
class WizardServicesScreenTest {
    private static final String TEMPLATE = "templates/web-api-worker.yaml";

    private static WizardScreenDriver open(SpecStore.Memory store, int cols, int rows) throws Exception {
        return new WizardScreenDriver(WizardSession.open(store, LookupResults.offline(), Prices.embedded()), cols, rows);
    }

    private static void fits(WizardScreenDriver d, int cols) {
        assertThat(d.lines().stream().mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(cols);
    }

    @Test
    void afterTheFirstServiceAnInternalApiIsAddedWithOnlyItsOwnQuestions() throws Exception {
        var store = new SpecStore.Memory(null);
        var d = open(store, 80, 24);
        d.key(KeyType.PageDown).type("hello");
        for (int i = 0; i < 11; i++) d.key(KeyType.PageDown);
        assertThat(d.text()).contains("gantry init · Add another service to hello?").contains("The file becomes version 2");
        fits(d, 80);

        // A name, the kind (internal API, the second), then Add it.
        d.key(KeyType.Tab).type("api").key(KeyType.Tab, KeyType.ArrowDown, KeyType.Enter, KeyType.Tab, KeyType.Enter);
        assertThat(d.lines().get(0)).startsWith("gantry init · 2 of 13 · App · service api");
        // The app's name is the app's: only the service's image and port are asked.
        assertThat(d.text()).contains("Container image").contains("Container port").doesNotContain("App name");
        assertThat(d.text()).contains("<Next >> << Back>");
        d.type("public.ecr.aws/docker/library/httpd:2.4").key(KeyType.Tab).type("8080");

        List<String> titles = new java.util.ArrayList<>();
        for (int i = 0; i < 10 && !d.text().contains("Add another service to hello?"); i++) {
            titles.add(d.lines().get(0).replaceAll("gantry init · \\d+ of 13 · ", "").replaceAll(" +\\(.*", ""));
            if (d.lines().get(0).contains("Load balancer")) {
                assertThat(d.text()).contains("<o> yes, internal").doesNotContain("Who may connect");
                fits(d, 80);
            }
            d.key(KeyType.PageDown);
        }
        // Network, Cluster, Certificate, DNS and Alerts are the app's: not asked again.
        assertThat(titles).containsExactly("App · service api", "Task · service api", "Secrets · service api",
                "Service · service api", "Load balancer · service api");
        assertThat(d.text()).contains("Service api is described.").doesNotContain("The file becomes version 2");
        d.key(KeyType.Enter); // No, review and save
        assertThat(d.lines().get(0)).startsWith("gantry init · 13 of 13 · Review");
        d.key(KeyType.Enter);
        assertThat(d.window.outcome()).isEqualTo(Outcome.SAVED);

        Spec spec = SpecLoader.load("gantry.yaml", store.text);
        assertThat(spec.isVersion2()).isTrue();
        assertThat(spec.services().keySet()).containsExactly("hello", "api");
        assertThat(spec.services().get("hello").isPublic()).isTrue();
        var api = spec.services().get("api");
        assertThat(api.internal()).isTrue();
        assertThat(api.isPublic()).isFalse();
        assertThat(api.task().port()).isEqualTo(8080);
        assertThat(api.task().image()).isEqualTo("public.ecr.aws/docker/library/httpd:2.4");
    }

    @Test
    void aWorkerAddedFromTheSectionMenuHasNoPortAndTheOthersAreAsTheyWere() throws Exception {
        String before = Files.readString(Path.of(TEMPLATE));
        var store = new SpecStore.Memory(before);
        var d = open(store, 110, 40);
        assertThat(d.text()).contains("Service web").contains("Service api").contains("Service worker")
                .contains("+ Add another service (web, internal API or worker)").contains("- Remove a service");
        for (int i = 0; i < 15; i++) d.key(KeyType.ArrowDown);
        d.key(KeyType.Enter);
        assertThat(d.text()).contains("gantry init · Add another service to shop?").doesNotContain("is described");
        // An invalid name is refused in place, in the spec's words.
        d.type("Mailer").key(KeyType.Tab, KeyType.ArrowDown, KeyType.ArrowDown, KeyType.Enter, KeyType.Tab, KeyType.Enter);
        assertThat(d.text()).contains("✗ services.Mailer: a service's name is lowercase letters");
        d.key(KeyType.ReverseTab, KeyType.ReverseTab, KeyType.End);
        for (int i = 0; i < 6; i++) d.key(KeyType.Backspace);
        d.type("mailer").key(KeyType.Tab, KeyType.Tab, KeyType.Enter);
        assertThat(d.lines().get(0)).startsWith("gantry init · 2 of 13 · App · service mailer");
        d.type("public.ecr.aws/docker/library/busybox:1.36");
        for (int i = 0; i < 5; i++) d.key(KeyType.PageDown);
        assertThat(d.text()).contains("Service mailer is described.");
        d.key(KeyType.PageDown, KeyType.Enter); // Review, Save: the diff first
        assertThat(d.lines().get(0)).isEqualTo("Changes to gantry.yaml (- old, + new):");
        d.key(KeyType.Enter);
        assertThat(d.window.outcome()).isEqualTo(Outcome.SAVED);

        Spec was = SpecLoader.load("gantry.yaml", before);
        Spec now = SpecLoader.load("gantry.yaml", store.text);
        assertThat(now.services().keySet()).containsExactly("web", "api", "worker", "mailer");
        assertThat(now.services().get("mailer").isWorker()).isTrue();
        assertThat(now.services().get("mailer").task().port()).isNull();
        for (String s : List.of("web", "api", "worker")) assertThat(now.services().get(s)).as(s).isEqualTo(was.services().get(s));
        assertThat(store.text).contains("# The web front: everything on www.example.com except /api/.");
    }

    @Test
    void pickingAServiceEditsOnlyIt() throws Exception {
        String before = Files.readString(Path.of(TEMPLATE));
        var store = new SpecStore.Memory(before);
        var d = open(store, 80, 24);
        for (int i = 0; i < 14; i++) d.key(KeyType.ArrowDown);
        d.key(KeyType.Enter);
        assertThat(d.lines().get(0)).startsWith("gantry init · 2 of 13 · App · service worker");
        assertThat(d.text()).contains("busybox:1.36");
        for (int i = 0; i < 5; i++) d.key(KeyType.PageDown);
        assertThat(d.lines().get(0)).startsWith("gantry init · 7 of 13 · Service · service worker");
        d.type("3");
        for (int i = 0; i < 6; i++) d.key(KeyType.PageDown);
        assertThat(d.lines().get(0)).startsWith("gantry init · 13 of 13 · Review");
        assertThat(d.window.session().diff()).contains("-       desiredCount: 1", "+       desiredCount: 3");
        d.key(KeyType.Enter);
        d.key(KeyType.Enter);
        assertThat(d.window.outcome()).isEqualTo(Outcome.SAVED);
        Spec was = SpecLoader.load("gantry.yaml", before);
        Spec now = SpecLoader.load("gantry.yaml", store.text);
        assertThat(now.services().get("worker").service().desiredCount()).isEqualTo(3);
        assertThat(now.services().get("web")).isEqualTo(was.services().get("web"));
        assertThat(now.services().get("api")).isEqualTo(was.services().get("api"));
    }

    @Test
    void removingAServiceSaysWhatIsDeletedAndThatTheOthersStayUp() throws Exception {
        String before = Files.readString(Path.of(TEMPLATE));
        var store = new SpecStore.Memory(before);
        var d = open(store, 80, 24);
        for (int i = 0; i < 16; i++) d.key(KeyType.ArrowDown);
        d.key(KeyType.Enter);
        assertThat(d.text()).contains("gantry init · Remove which service?").contains("< Back without removing");
        d.key(KeyType.ArrowDown, KeyType.ArrowDown, KeyType.Enter);
        String said = d.text();
        assertThat(said).contains("gantry init · Remove service worker?").contains("Removing worker deletes, at the next apply:")
                .contains("ECS service shop-worker").contains("  - log group /gantry/shop-worker")
                .contains("Kept running, served throughout: web, api, and the shared network, cluster\nand load balancer, untouched.")
                .contains("Nothing changes in AWS until you save and apply.");
        fits(d, 80);
        // Nothing is removed by looking.
        assertThat(d.window.session().flow().services()).containsExactly("web", "api", "worker");
        d.key(KeyType.Enter);
        assertThat(d.text()).doesNotContain("Service worker").contains("Service web").contains("Service api");
        for (int i = 0; i < 11; i++) d.key(KeyType.ArrowDown);
        d.key(KeyType.Enter);
        assertThat(d.window.session().diff()).contains("-   worker:");
        d.key(KeyType.Enter, KeyType.Enter);
        assertThat(d.window.outcome()).isEqualTo(Outcome.SAVED);
        Spec was = SpecLoader.load("gantry.yaml", before);
        Spec now = SpecLoader.load("gantry.yaml", store.text);
        assertThat(now.services().keySet()).containsExactly("web", "api");
        assertThat(now.services().get("web")).isEqualTo(was.services().get("web"));
        assertThat(now.services().get("api")).isEqualTo(was.services().get("api"));
    }

    @Test
    void aResizeKeepsTheNameTypedAndTheKindPicked() throws Exception {
        var d = open(new SpecStore.Memory(null), 80, 24);
        d.key(KeyType.PageDown).type("hello");
        for (int i = 0; i < 11; i++) d.key(KeyType.PageDown);
        d.key(KeyType.Tab).type("api").key(KeyType.Tab, KeyType.ArrowDown, KeyType.Enter);
        d.resize(100, 30);
        assertThat(d.lines()).contains("api").anySatisfy(l -> assertThat(l).startsWith("<o> internal API"));
        fits(d, 100);
        d.resize(80, 24);
        assertThat(d.lines()).contains("api").anySatisfy(l -> assertThat(l).startsWith("<o> internal API"));
    }
}
