package dev.gantry.e2e;

import dev.gantry.cost.CostEstimate;
import dev.gantry.cost.Prices;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.ui.PlanCost;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first deploy's plan prices what it creates as the wizard's estimate prices the same spec:
 * alarms (billed per alarm-month) and the guard's runs included, so the two never disagree.
 */
class PlanCostMatchesEstimateTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"web-https.yaml", "worker.yaml", "web-http-quick.yaml", "web-api-worker.yaml"})
    void aFirstDeployWithAlertsAndAGuardCostsWhatTheEstimateSays(String template) throws Exception {
        String text = Files.readString(Path.of("templates", template))
                + "\nalerts:\n  email: [ops@example.com]\nguard:\n  every: 15m\n";
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, text);
        Spec spec = SpecLoader.load(file);
        Prices prices = Prices.embedded();
        CostEstimate estimate = new CostEstimate(prices);
        double alarms = estimate.alarmsMonthly(dev.gantry.spec.Alerts.alarmCount(spec));
        assertThat(alarms).isPositive();

        String line = PlanCost.line(new SimHarness().prepare(spec).engine().plan(spec, Set.of()), prices);
        assertThat(line).startsWith("Monthly estimate: $0.00 → " + CostEstimate.usd(estimate.total(spec)) + " ");
    }

    @org.junit.jupiter.api.Test
    void severalServicesAreEachPricedAndRemovingOneLowersTheBill() throws Exception {
        String text = Files.readString(Path.of("templates/web-api-worker.yaml"));
        Spec spec = SpecLoader.load("gantry.yaml", text);
        Prices prices = Prices.embedded();
        double total = new CostEstimate(prices).total(spec);
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(PlanCost.line(h.plan(spec), prices)).startsWith("Monthly estimate: $0.00 → " + CostEstimate.usd(total) + " ");
        assertThat(h.apply(spec).exitCode()).isZero();

        // The worker (1 task of 0.25 vCPU, 0.5 GB) goes: the bill drops by its task.
        int at = text.indexOf("  # A background worker");
        Spec without = SpecLoader.load("gantry.yaml", text.substring(0, at));
        double after = new CostEstimate(prices).total(without);
        assertThat(after).isLessThan(total);
        assertThat(PlanCost.line(h.plan(without), prices))
                .startsWith("Monthly estimate: " + CostEstimate.usd(total) + " → " + CostEstimate.usd(after) + " (−");
    }
}
