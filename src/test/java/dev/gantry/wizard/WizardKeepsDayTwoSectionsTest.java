package dev.gantry.wizard;

import dev.gantry.cost.Prices;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The wizard asks nothing about the release command or scheduled jobs: editing a file keeps them as they are. */
class WizardKeepsDayTwoSectionsTest {
    @Test void an_edit_keeps_release_and_jobs() throws Exception {
        String before = Files.readString(Path.of("templates", "worker.yaml"))
                + "\nrelease:\n  command: [bin/migrate]\n\njobs:\n  report:\n    schedule: rate(1 hour)\n    command: [bin/report]\n";
        Spec original = SpecLoader.load("gantry.yaml", before);
        var store = new SpecStore.Memory(before);
        WizardSession session = WizardSession.open(store, LookupResults.offline(), Prices.embedded());
        session.flow().set("service.desiredCount", "3");
        session.save();
        Spec after = SpecLoader.load("gantry.yaml", store.text);
        assertThat(after.service().desiredCount()).isEqualTo(3);
        assertThat(after.release()).isEqualTo(original.release());
        assertThat(after.jobs()).isEqualTo(original.jobs());
    }
}
