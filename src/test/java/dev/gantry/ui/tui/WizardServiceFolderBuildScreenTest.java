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
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** On lanterna's virtual terminal: a service added beside ./api/Dockerfile is built from that folder by default. */
class WizardServiceFolderBuildScreenTest {
    @TempDir Path dir;

    @Test
    void anApiAddedBesideItsFolderIsBuiltFromIt() throws Exception {
        Files.createDirectories(dir.resolve("api"));
        Files.writeString(dir.resolve("api/Dockerfile"), "FROM alpine:3.19\nEXPOSE 8080\n");
        // What InitCommand finds in the spec's folder: no Dockerfile of its own, ./api with one.
        LookupResults facts = LookupResults.offline().withFolder(dir.toString(), null, null).withDockerfileFolder("api", 8080);
        var store = new SpecStore.Memory(null);
        var d = new WizardScreenDriver(WizardSession.open(store, facts, Prices.embedded()), 100, 30);
        d.key(KeyType.PageDown).type("hello");
        assertThat(d.text()).doesNotContain("Where the image comes from");
        for (int i = 0; i < 11; i++) d.key(KeyType.PageDown);
        assertThat(d.text()).contains("Add another service to hello?");

        // The name api, the kind internal API, then Add it.
        d.key(KeyType.Tab).type("api").key(KeyType.Tab, KeyType.ArrowDown, KeyType.Enter, KeyType.Tab, KeyType.Enter);
        assertThat(d.lines().get(0)).startsWith("gantry init · 2 of 13 · App · service api");
        assertThat(d.text()).contains("Where the image comes from").contains("build from ./api/Dockerfile")
                .contains("Build context").contains("Dockerfile").contains("Container port").doesNotContain("Container image")
                .contains("hello-api");
        for (int i = 0; i < 10 && !d.text().contains("Add another service to hello?"); i++) d.key(KeyType.PageDown);
        d.key(KeyType.Enter); // No, review and save
        assertThat(d.lines().get(0)).startsWith("gantry init · 13 of 13 · Review");
        d.key(KeyType.Enter);
        assertThat(d.window.outcome()).isEqualTo(Outcome.SAVED);

        Spec spec = SpecLoader.load(dir.resolve("gantry.yaml").toString(), store.text);
        var api = spec.services().get("api");
        assertThat(api.task().image()).isNull();
        assertThat(api.task().build().context()).isEqualTo("api");
        assertThat(api.task().build().dockerfile()).isNull();
        assertThat(api.task().port()).isEqualTo(8080);
        // The first service, named like the app, runs an image as before (no Dockerfile in the spec's folder).
        assertThat(spec.services().get("hello").task().build()).isNull();

        // Editing it again: the sections list says where each service's image comes from.
        var again = new WizardScreenDriver(WizardSession.open(new SpecStore.Memory(store.text), facts, Prices.embedded()), 120, 30);
        assertThat(again.text()).contains("Service api").contains("built from ./api/Dockerfile").doesNotContain("built from ./Dockerfile");
    }
}
