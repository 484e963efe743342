package dev.gantry.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.spec.Alerts;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** status shows the alarms' states and whether each alert address confirmed (issue 25, item 3). */
class AlertsStatusTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:hello-alerts";

    @Test void a_healthy_service_with_alerts_shows_the_alarms_ok_and_the_pending_address() throws Exception {
        Spec spec = AppContextWorld.template("web-https.yaml").withAlerts(Alerts.defaults(List.of("ops@example.com")));
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        w.time.advance(Duration.ofMinutes(5));

        assertThat(w.run(spec, d -> StatusCommand.run(d, false, true))).as(w.out()).isZero();
        // cpu, memory and latency have data; 5xx counts nothing, so it is OK too
        assertThat(w.out()).contains("Alarms       7 of 7 OK")
                .contains("Alert email  ops@example.com (pending: follow the link in the email from AWS Notifications)");

        w.streams.clear();
        w.run(spec, d -> StatusCommand.run(d, true, false));
        JsonNode j = new ObjectMapper().readTree(w.out());
        assertThat(j.at("/alerts/topicArn").asText()).isEqualTo(TOPIC);
        assertThat(j.at("/alerts/alarms")).hasSize(7);
        assertThat(j.at("/alerts/alarms/0/state").asText()).isEqualTo("OK");
        assertThat(j.at("/alerts/subscriptions/0/email").asText()).isEqualTo("ops@example.com");
        assertThat(j.at("/alerts/subscriptions/0/confirmed").asBoolean()).isFalse();

        w.world.state.sns.confirm(TOPIC, "ops@example.com");
        w.streams.clear();
        w.run(spec, d -> StatusCommand.run(d, false, false));
        assertThat(w.out()).contains("Alert email  ops@example.com\n");
    }

    @Test void a_firing_alarm_is_a_problem() throws Exception {
        Spec spec = AppContextWorld.withImage(AppContextWorld.template("web-https.yaml"), "public.ecr.aws/nginx/nginx:1.27-crash")
                .withAlerts(Alerts.defaults(List.of("ops@example.com")));
        AppContextWorld w = new AppContextWorld();
        w.apply(spec);
        w.time.advance(Duration.ofMinutes(5));

        assertThat(w.run(spec, d -> StatusCommand.run(d, false, true))).isEqualTo(ExitCode.FAILED.code());
        assertThat(w.out()).contains("hello-5xx-load-balancer firing since").contains("✗ the alarm hello-5xx-load-balancer is firing since");
        w.streams.clear();
        w.run(spec, d -> StatusCommand.run(d, true, false));
        JsonNode j = new ObjectMapper().readTree(w.out());
        assertThat(j.get("problems").toString()).contains("the alarm hello-5xx-load-balancer is firing");
    }

    @Test void a_stack_without_alerts_has_null_alerts_in_json() throws Exception {
        Spec spec = AppContextWorld.template("web-https.yaml");
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        w.run(spec, d -> StatusCommand.run(d, true, false));
        assertThat(new ObjectMapper().readTree(w.out()).get("alerts").isNull()).isTrue();
        w.streams.clear();
        w.run(spec, d -> StatusCommand.run(d, false, false));
        assertThat(w.out()).doesNotContain("Alarms");
    }
}
