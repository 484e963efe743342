package dev.gantry.wizard;

import dev.gantry.cost.Prices;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Editing a file with environments: one environment's answer changes only its entry, and the person's comments stay. */
class EnvironmentEditTest {

    private static String written() throws Exception {
        var store = new SpecStore.Memory(null);
        WizardSession s = WizardSession.open(store, LookupResults.offline(), Prices.embedded());
        assertThat(s.flow().applyFlags(Map.of("--app", List.of("hello"), "--domain", List.of("hello.example.com"),
                "--zone", List.of("example.com"), "--env-preset", List.of("custom"), "--env-names", List.of("production,staging,qa")))).isEmpty();
        s.save();
        return store.text;
    }

    @Test
    void openingAndSavingChangesNothing() throws Exception {
        String text = written();
        WizardSession again = WizardSession.open(new SpecStore.Memory(text), LookupResults.offline(), Prices.embedded());
        assertThat(again.diff()).isEmpty();
    }

    @Test
    void changingOneEnvironmentChangesOnlyItsEntryAndKeepsComments() throws Exception {
        String text = written().replace("  qa:\n", "  # qa is torn down on Fridays\n  qa:\n");
        var store = new SpecStore.Memory(text);
        WizardSession edit = WizardSession.open(store, LookupResults.offline(), Prices.embedded());
        assertThat(edit.flow().set("environments.staging.service.desiredCount", "4")).isNull();
        assertThat(edit.diff().stream().filter(l -> l.startsWith("-") || l.startsWith("+"))).containsExactly("-       desiredCount: 1", "+       desiredCount: 4");
        edit.save();
        assertThat(store.text).contains("  # qa is torn down on Fridays\n  qa:\n");
        assertThat(SpecLoader.check("gantry.yaml", store.text, "staging", null).spec().service().desiredCount()).isEqualTo(4);
        assertThat(SpecLoader.check("gantry.yaml", store.text, "qa", null).spec())
                .isEqualTo(SpecLoader.check("gantry.yaml", text, "qa", null).spec());
        assertThat(SpecLoader.check("gantry.yaml", store.text, "production", null).spec())
                .isEqualTo(SpecLoader.check("gantry.yaml", text, "production", null).spec());
    }

    @Test
    void aNewEnvironmentNameIsCheckedForItsAwsNames() {
        WizardFlow flow = new WizardFlow(LookupResults.offline());
        flow.set("app", "a-rather-long-app-name-x");
        flow.set("environments", "custom");
        assertThat(flow.set("environments.names", "production, staging")).contains("at most 28");
        assertThat(flow.set("environments.names", "production, Staging")).contains("lowercase");
        assertThat(flow.set("environments.names", "production, qa")).isNull();
    }
}
