package dev.gantry.ui.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.gantry.cost.Prices;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.wizard.LookupResults;
import dev.gantry.wizard.Outcome;
import dev.gantry.wizard.SpecStore;
import dev.gantry.wizard.WizardSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Environments screen on lanterna's virtual terminal, at 80×24 and bigger. */
class WizardEnvironmentsTest {

    @Test
    void stagingAndProductionAreOfferedWithTheirCostsAndSavedAsOverridesOnly() throws Exception {
        for (int[] size : new int[][]{{80, 24}, {120, 40}}) {
            var store = new SpecStore.Memory(null);
            var d = new WizardScreenDriver(WizardSession.open(store, LookupResults.offline(), Prices.embedded()), size[0], size[1]);
            d.key(KeyType.PageDown).type("hello");
            for (int i = 0; i < 10; i++) d.key(KeyType.PageDown);
            String at = size[0] + "x" + size[1];
            assertThat(d.lines().get(0)).as(at).startsWith("gantry init · 12 of 13 · Environments");
            assertThat(d.text()).as(at).contains("staging + production").contains("custom");
            d.key(KeyType.ArrowDown); // staging + production
            // Tab walks every environment's questions, also those below the screen's last row.
            for (int i = 0; i < 12 && !"environments.staging.service.desiredCount".equals(d.window.focusedQuestion()); i++) d.key(KeyType.Tab);
            assertThat(d.text()).as(at).contains("staging: how many tasks");
            if (size[1] == 24) assertThat(d.text()).as(at).contains("more above (Shift-Tab)");
            d.type("3");
            assertThat(d.lines().get(d.lines().size() - 1)).as(at).isNotBlank(); // the key line stays on the last row
            if (size[1] >= 40) {
                assertThat(d.text()).as(at).containsPattern("production \\(hello\\), per month +\\$")
                        .containsPattern("staging \\(hello-staging\\), per month +\\$");
            }
            d.key(KeyType.PageDown, KeyType.PageDown); // and no other service
            assertThat(d.lines().get(0)).as(at).startsWith("gantry init · 13 of 13 · Review");
            if (size[1] >= 40) {
                // The review prices each environment too, not only the body's spec.
                assertThat(d.text()).as(at).contains("production (hello), per month").contains("staging (hello-staging), per");
            }
            d.key(KeyType.Enter);
            assertThat(d.window.outcome()).as(at).isEqualTo(Outcome.SAVED);
            assertThat(store.text).contains("environments:\n  production: {}\n  staging:\n    default: true\n")
                    .contains("      desiredCount: 3").contains("      natGateways: none");
            var staging = SpecLoader.check("gantry.yaml", store.text, "staging", null);
            assertThat(staging.errors()).isEmpty();
            assertThat(staging.spec().app()).isEqualTo("hello-staging");
            assertThat(staging.spec().service().desiredCount()).isEqualTo(3);
            assertThat(SpecLoader.check("gantry.yaml", store.text, "production", null).spec().service().desiredCount()).isEqualTo(2);
        }
    }
}
