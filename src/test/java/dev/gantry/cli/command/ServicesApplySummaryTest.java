package dev.gantry.cli.command;

import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.Operation;
import dev.gantry.ui.SummaryText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** apply's closing line on templates/web-api-worker.yaml names each public service with its URLs. */
class ServicesApplySummaryTest {
    @Test
    void eachPublicServiceIsNamedWithWhereItAnswers() {
        Spec spec = AppContextWorld.template("web-api-worker.yaml");
        AppContextWorld w = new AppContextWorld();
        ApplyResult r = w.apply(spec);
        assertThat(r.exitCode()).isZero();

        String text = SummaryText.render(Operation.apply("shop", "us-east-1"), r, null, Ansi.NONE);
        assertThat(text).contains("\nweb answers at https://www.example.com; api at https://api.example.com and https://www.example.com/api/\n")
                .doesNotContain("Your service answers at").doesNotContain("worker");
        // JSON's url stays the app's one address.
        assertThat(r.url()).isEqualTo("https://www.example.com");
    }

    @Test
    void oneServiceKeepsItsSentence() {
        Spec spec = AppContextWorld.template("web-https.yaml");
        AppContextWorld w = new AppContextWorld();
        ApplyResult r = w.apply(spec);
        assertThat(r.answers()).isNull();
        assertThat(SummaryText.render(Operation.apply(spec.app(), spec.region()), r, null, Ansi.NONE))
                .contains("\nYour service answers at " + r.url() + "\n");
    }
}
