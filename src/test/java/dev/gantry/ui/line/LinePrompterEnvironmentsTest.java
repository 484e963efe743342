package dev.gantry.ui.line;

import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.wizard.Outcome;
import dev.gantry.wizard.SpecStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinePrompterEnvironmentsTest {

    @Test
    void theEnvironmentsScreenAsksEachEnvironmentOnlyWhatDiffers() throws Exception {
        var store = new SpecStore.Memory(null);
        LinePrompterTest.Run r = LinePrompterTest.drive(store, "", "hello", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
                "new", "hello.example.com", "yes", "", "",
                "", "",                            // alerts & guard: none, off
                "3", "production, qa",             // environments: custom
                "", "", "", "", "",                // production: as the body
                "qa-account", "qa.example.com", "", "", "", // qa: its own account and host; one task, no NAT by default
                "",                                // add another service? no
                "save");
        assertThat(r.outcome()).as(r.output()).isEqualTo(Outcome.SAVED);
        assertThat(r.output()).contains("── 12 of 13 · Environments").contains("qa: how many tasks");
        assertThat(store.text).contains("  production: {}\n  qa:\n    account: qa-account\n");
        var qa = SpecLoader.check("gantry.yaml", store.text, "qa", null);
        assertThat(qa.errors()).isEmpty();
        assertThat(qa.spec().dns().record()).isEqualTo("qa.example.com");
        assertThat(qa.spec().certificate().domain()).isEqualTo("qa.example.com");
        assertThat(qa.spec().service().desiredCount()).isEqualTo(1);
        assertThat(qa.environment().profile()).isEqualTo("qa-account");
    }
}
