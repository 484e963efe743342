package dev.gantry.wizard;

import dev.gantry.cost.CostEstimate;
import dev.gantry.cost.Prices;
import dev.gantry.spec.Alerts;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Alerts & guard screen counts and prices every service's alarms, as the plan does. */
class WizardServicesAlertsTest {
    private static WizardSession open(String text) throws Exception {
        return WizardSession.open(new SpecStore.Memory(text), LookupResults.offline(), Prices.embedded());
    }

    private static String yes(WizardFlow f) {
        return Questions.byId("alerts").orElseThrow().choices(f).stream().filter(c -> c.value().equals("yes")).findFirst().orElseThrow().meaning();
    }

    @Test
    void threeServicesCountTheLoadBalancersAlarmsOnceAndEachServicesOwn() throws Exception {
        WizardSession s = open(Files.readString(Path.of("templates/web-api-worker.yaml")) + "\nalerts:\n  email: [ops@example.com]\n");
        WizardFlow f = s.flow();
        double fourteen = new CostEstimate(Prices.embedded()).alarmsMonthly(14);
        // 3 of the load balancer, 4 for each of web and api, 3 for the worker; whichever service is in focus.
        for (String service : f.services()) {
            f.focus(service);
            assertThat(yes(f)).as(service).startsWith("14 CloudWatch alarms, billed per alarm-month: " + CostEstimate.usd(fourteen) + " a month");
        }
        assertThat(Alerts.alarmCount(f.build())).isEqualTo(14);
        assertThat(String.join("\n", s.costHint(WizardScreen.ALERTS))).contains("14 CloudWatch alarms");

        // A fourth service: a worker three more, a web one four more.
        assertThat(f.addService("mailer", WizardFlow.ServiceKind.WORKER)).isNull();
        assertThat(yes(f)).startsWith("17 CloudWatch alarms");
        assertThat(f.addService("admin", WizardFlow.ServiceKind.WEB)).isNull();
        assertThat(yes(f)).startsWith("21 CloudWatch alarms");
    }
}
