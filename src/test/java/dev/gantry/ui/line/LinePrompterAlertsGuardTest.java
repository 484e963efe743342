package dev.gantry.ui.line;

import dev.gantry.spec.Guard;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.wizard.Outcome;
import dev.gantry.wizard.SpecStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Alerts & guard screen as line prompts: numbered choices, checked answers, the costs. */
class LinePrompterAlertsGuardTest {

    @Test
    void walksToAlertsAndAReportingGuardRefusingABadAddressAndPeriod() throws Exception {
        var store = new SpecStore.Memory(null);
        LinePrompterTest.Run r = LinePrompterTest.drive(store,
                "", "hello", "", "",      // region, app, image, port
                "", "", "", "",           // network: new VPC, CIDR, zones, NAT
                "", "",                   // cluster
                "", "", "", "",           // task: size, architecture, environment, retention
                "",                       // secrets: none
                "", "", "", "", "",       // service
                "", "", "", "", "",       // load balancer
                "", "",                   // certificate: none; DNS: no
                "?", "1",                 // alerts: explained, then yes
                "ops.example.com", "ops@example.com, oncall@example.com",
                "?", "2",                 // guard: explained, then report only
                "1m", "30m",              // every: too often, then 30 minutes
                "",                       // environments: none
                "",                       // add another service? no
                "save");
        assertThat(r.outcome()).isEqualTo(Outcome.SAVED);
        // The explanations are wrapped: compare words, not line breaks.
        assertThat(r.output().replaceAll("\\s+", " "))
                .contains("── 11 of 13 · Alerts & guard")
                .contains("yes, by email")
                .contains("7 CloudWatch alarms, billed per alarm-month: $0.70 a month")
                .contains("✗ alerts.email: 'ops.example.com' is not an email address")
                .contains("About $1.47 a month at every 5m (8,760 runs;")
                .contains("Flag: --guard")
                .contains("✗ guard.every: every must be between 5m and 1d, got 1m")
                .contains("Guard: 1,460 Lambda runs of ~10 s, 1 GB");
        var spec = SpecLoader.load("gantry.yaml", store.text);
        assertThat(spec.alerts().email()).containsExactly("ops@example.com", "oncall@example.com");
        assertThat(spec.guard()).isEqualTo(new Guard(30, Guard.Repair.REPORT));
    }
}
