package dev.gantry.cost;

import dev.gantry.spec.Alerts;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Alarms are billed per alarm-month: the estimate counts them only when the spec has alerts. */
class AlertsCostTest {
    private static final String WEB = "version: 1\napp: hello\nregion: us-east-1\ntask:\n  image: nginx:1.27\n  port: 80\nloadBalancer: {}\n";

    @Test void seven_alarms_for_a_web_service_none_without_alerts() throws Exception {
        CostEstimate est = new CostEstimate(Prices.embedded());
        Spec web = SpecLoader.load("gantry.yaml", WEB);
        assertThat(est.lines(web)).noneMatch(l -> l.area() == CostEstimate.Area.ALERTS);
        Spec alerted = web.withAlerts(Alerts.defaults(List.of("ops@example.com")));
        assertThat(est.lines(alerted)).filteredOn(l -> l.area() == CostEstimate.Area.ALERTS).singleElement().satisfies(l -> {
            assertThat(l.item()).startsWith("7 CloudWatch alarms");
            assertThat(l.monthly()).isEqualTo(7 * Prices.embedded().alarmMonth());
        });
        assertThat(est.total(alerted) - est.total(web)).isCloseTo(0.70, org.assertj.core.data.Offset.offset(1e-9));
    }
}
