package dev.gantry.ui.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.gantry.cost.CostEstimate;
import dev.gantry.cost.Prices;
import dev.gantry.spec.Guard;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.spec.yaml.SpecWriter;
import dev.gantry.wizard.LookupResults;
import dev.gantry.wizard.Outcome;
import dev.gantry.wizard.SpecStore;
import dev.gantry.wizard.WizardFlow;
import dev.gantry.wizard.WizardSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Alerts & guard screen on lanterna's virtual terminal, at 80×24 and at 120×40. */
class WizardAlertsGuardScreenTest {
    private static final CostEstimate COST = new CostEstimate(Prices.embedded());

    private static WizardScreenDriver atAlertsScreen(SpecStore.Memory store, int cols, int rows) throws Exception {
        WizardSession session = WizardSession.open(store, LookupResults.offline(), Prices.embedded());
        session.flow().set("app", "hello");
        var d = new WizardScreenDriver(session, cols, rows);
        for (int i = 0; i < 10; i++) d.key(KeyType.PageDown);
        return d;
    }

    private static String total(WizardFlow flow) { return CostEstimate.usd(COST.total(flow.build())); }

    @Test
    void offByDefaultThenEmailAndARepairingGuardWithTheirCostsAtBothSizes() throws Exception {
        for (int[] size : new int[][]{{80, 24}, {120, 40}}) {
            String at = size[0] + "x" + size[1] + " ";
            var store = new SpecStore.Memory(null);
            var d = atAlertsScreen(store, size[0], size[1]);
            WizardFlow flow = d.window.session().flow();
            assertThat(d.lines().get(0)).as(at).startsWith("gantry init · 11 of 13 · Alerts & guard");
            assertThat(d.text()).as(at).contains("Email someone when the service is unwell?").contains("<o> no alerts")
                    .contains("Guard the stack between applies?").contains("<o> off").contains("< > report only").contains("< > repair what is safe")
                    .doesNotContain("Email addresses to tell").doesNotContain("How often the guard looks")
                    .doesNotContain("CloudWatch alarms (email").doesNotContain("Guard: ");
            assertLaidOut(d, size, at);

            // Yes: the address field appears; a malformed address is refused under it, and Next stays.
            d.key(KeyType.ArrowUp);
            assertThat(flow.get("alerts")).isEqualTo("yes");
            assertThat(d.text()).as(at).contains("<o> yes, by email").contains("Email addresses to tell");
            d.key(KeyType.Tab).type("ops.example.com");
            assertThat(d.text()).as(at).contains("✗ alerts.email: 'ops.example.com' is not an");
            d.key(KeyType.PageDown);
            assertThat(d.lines().get(0)).as(at).startsWith("gantry init · 11 of 13 · Alerts & guard");
            d.ctrl('u').type("ops@example.com");
            assertThat(flow.error(dev.gantry.wizard.Questions.byId("alerts.email").orElseThrow())).isNull();

            // Repair: the period appears, with its default, and the estimate counts alarms and guard.
            d.key(KeyType.Tab, KeyType.ArrowDown, KeyType.ArrowDown);
            assertThat(flow.get("guard")).isEqualTo("repair");
            assertThat(d.text()).as(at).contains("<o> repair what is safe").contains("How often the guard looks").contains("5m");
            assertThat(d.text()).as(at).contains(total(flow));
            if (size[1] >= 40) {
                assertThat(d.text()).as(at).contains("7 CloudWatch alarms (email: 1,000 a month free)     $0.70")
                        .contains("Guard: 8,760 Lambda runs of ~10 s, 1 GB          $1.46")
                        .contains("Guard: 8,760 scheduled invocations               $0.01");
            }
            assertLaidOut(d, size, at);

            // A period out of range is refused and not priced; every 10 minutes is half the runs.
            d.key(KeyType.Tab).type("1m");
            assertThat(d.text()).as(at).contains("✗ guard.every: every must be between 5m and").doesNotContain("Whole stack as answered");
            d.ctrl('u').type("10m");
            assertThat(flow.get("guard.every")).isEqualTo("10m");
            assertThat(d.text()).as(at).contains(total(flow));
            if (size[1] >= 40) assertThat(d.text()).as(at).contains("Guard: 4,380 Lambda runs of ~10 s, 1 GB          $0.73");
            d.key(KeyType.PageDown, KeyType.PageDown, KeyType.PageDown); // environments: none; no other service
            assertThat(d.lines().get(0)).as(at).startsWith("gantry init · 13 of 13 · Review");
            d.key(KeyType.Enter);
            assertThat(d.window.outcome()).isEqualTo(Outcome.SAVED);
            var spec = SpecLoader.load("gantry.yaml", store.text);
            assertThat(spec.alerts().email()).containsExactly("ops@example.com");
            assertThat(spec.guard()).isEqualTo(new Guard(10, Guard.Repair.SAFE));
        }
    }

    @Test
    void theGuardsChoicesSayWhatEachDoesAndCosts() throws Exception {
        var d = atAlertsScreen(new SpecStore.Memory(null), 120, 40);
        d.key(KeyType.Tab);
        String about = String.join(" ", d.lines()).replaceAll("[│ ]+", " ");
        assertThat(about).contains("off: Drift").contains("Costs nothing.")
                .contains("report only: Changes nothing; reports every difference. About $1.47 a month at every 5m (8,760 runs;")
                .contains("repair what is safe: Puts back what was deleted or changed in place");
    }

    @Test
    void editingASpecWithAlertsAndAGuardShowsTheChangeAndKeepsTheComments() throws Exception {
        String written = SpecWriter.write(SpecLoader.load("gantry.yaml", """
                version: 1
                app: hello
                region: us-east-1
                task:
                  image: nginx:1.27
                  port: 80
                loadBalancer: {}
                alerts:
                  email: [ops@example.com]
                  cpuPercent: 90
                guard:
                  every: 15m
                  repair: safe
                """));
        String before = written.replace("\nalerts:\n", "\n# the on-call rota reads these\nalerts:\n")
                .replace("  email: [ops@example.com]\n", "  email: [ops@example.com] # the team list\n")
                .replace("\nguard:\n", "\n# see the runbook before turning this off\nguard:\n");
        assertThat(before).isNotEqualTo(written);
        var store = new SpecStore.Memory(before);
        var d = new WizardScreenDriver(WizardSession.open(store, LookupResults.offline(), Prices.embedded()), 80, 24);
        for (int i = 0; i < 9; i++) d.key(KeyType.ArrowDown);
        d.key(KeyType.Enter);
        assertThat(d.lines().get(0)).startsWith("gantry init · 11 of 13 · Alerts & guard   (editing gantry.yaml)");
        assertThat(d.text()).contains("<o> yes, by email").contains("ops@example.com").contains("<o> repair what is safe").contains("15m");
        // Report only: Tab past the address to the guard's list, then one up.
        d.key(KeyType.Tab, KeyType.Tab, KeyType.ArrowUp);
        assertThat(d.window.session().flow().get("guard")).isEqualTo("report");
        d.key(KeyType.PageDown, KeyType.PageDown, KeyType.Enter);
        List<String> lines = d.lines();
        assertThat(lines.get(0)).isEqualTo("Changes to gantry.yaml (- old, + new):");
        assertThat(d.text()).contains("-   repair: safe").contains("+   repair: report");
        d.key(KeyType.Enter);
        assertThat(d.window.outcome()).isEqualTo(Outcome.SAVED);
        assertThat(store.text).contains("# the on-call rota reads these\nalerts:\n").contains("email: [ops@example.com] # the team list")
                .contains("  cpuPercent: 90\n").contains("# see the runbook before turning this off\nguard:\n  every: 15m\n  repair: report\n");
    }

    private static void assertLaidOut(WizardScreenDriver d, int[] size, String at) {
        List<String> lines = d.lines();
        assertThat(lines.get(size[1] - 1)).as(at).contains("Tab next").contains("Esc quit");
        assertThat(lines.stream().mapToInt(String::length).max().orElse(0)).as(at).isLessThanOrEqualTo(size[0]);
    }
}
