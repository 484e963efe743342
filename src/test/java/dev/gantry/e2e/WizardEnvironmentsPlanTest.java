package dev.gantry.e2e;

import dev.gantry.cost.Prices;
import dev.gantry.plan.Plan;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.wizard.LookupResults;
import dev.gantry.wizard.SpecStore;
import dev.gantry.wizard.WizardSession;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The file the wizard writes with environments loads with SpecLoader and plans, applies and re-applies per environment. */
class WizardEnvironmentsPlanTest {

    @Test
    void stagingAndProductionFromTheWizardPlanAndApplyEachAsItsOwnApp() throws Exception {
        var store = new SpecStore.Memory(null);
        WizardSession session = WizardSession.open(store, LookupResults.offline(), Prices.embedded());
        assertThat(session.flow().applyFlags(Map.of("--app", List.of("hello"), "--domain", List.of("hello.example.com"),
                "--zone", List.of("example.com"), "--secret-param", List.of("DB_PASSWORD=/hello/db-password"),
                "--env-preset", List.of("staging-production"), "--env-size", List.of("staging=512/1024")))).isEmpty();
        session.save();
        Spec production = SpecLoader.check("gantry.yaml", store.text, "production", null).spec();
        Spec staging = SpecLoader.check("gantry.yaml", store.text, "staging", null).spec();
        assertThat(production.app()).isEqualTo("hello");
        assertThat(staging.app()).isEqualTo("hello-staging");
        assertThat(staging.dns().record()).isEqualTo("staging.hello.example.com");
        assertThat(staging.task().cpu()).isEqualTo(512);
        assertThat(staging.managedSecrets().get("DB_PASSWORD").parameter()).isEqualTo("/hello-staging/db-password");

        SimHarness h = new SimHarness().prepare(production).prepare(staging);
        Plan first = h.plan(staging);
        assertThat(first.hasChanges()).isTrue();
        assertThat(h.apply(production).exitCode()).isZero();
        assertThat(h.apply(staging).exitCode()).isZero();
        assertThat(h.plan(production).hasChanges()).isFalse();
        assertThat(h.plan(staging).hasChanges()).isFalse();
    }
}
