package dev.gantry.spec.yaml;

import dev.gantry.spec.Alerts;
import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code alerts} section: defaults, overrides, errors with file, line and field, and the writer. */
class AlertsSpecTest {
    private static final String WEB = "version: 1\napp: hello\nregion: us-east-1\ntask:\n  image: nginx:1.27\n  port: 80\nloadBalancer: {}\n";

    @Test void absent_means_no_alerts() throws Exception {
        assertThat(SpecLoader.load("gantry.yaml", WEB).alerts()).isNull();
    }

    @Test void defaults_and_overrides() throws Exception {
        Spec s = SpecLoader.load("gantry.yaml", WEB + "alerts:\n  email: [ops@example.com]\n  cpuPercent: 90\n");
        assertThat(s.alerts()).isEqualTo(new Alerts(List.of("ops@example.com"), Alerts.DEFAULT_5XX_PER_MINUTE, Alerts.DEFAULT_LATENCY_P95_MS,
                90, Alerts.DEFAULT_MEMORY_PERCENT, true));
    }

    /** Version 2, services of any names: each gets its own alarms (no longer only the one named like the app). */
    @Test void alerts_on_services_not_named_like_the_app_are_valid() throws Exception {
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("templates/web-api-worker.yaml")) + "alerts:\n  email: [ops@example.com]\n";
        Spec s = SpecLoader.load("gantry.yaml", text);
        assertThat(s.services().keySet()).containsExactly("web", "api", "worker");
        // The load balancer's 3, then 4 for each of web and api, 3 for the worker.
        assertThat(Alerts.alarmCount(s)).isEqualTo(14);
    }

    /** One rule emails every service's stopped tasks; its pattern names each, and EventBridge allows 2048 characters. */
    @Test void services_whose_names_outgrow_the_task_stopped_pattern_are_refused_offline() throws Exception {
        StringBuilder text = new StringBuilder(java.nio.file.Files.readString(java.nio.file.Path.of("templates/web-api-worker.yaml")));
        for (int i = 0; i < 45; i++) {
            text.append("  worker-for-the-queue-number-").append(String.format("%03d", i)).append(":\n    task:\n")
                    .append("      image: public.ecr.aws/docker/library/busybox:1.36\n");
        }
        assertThat(SpecLoader.check("gantry.yaml", text.toString()).valid()).isTrue();
        var r = SpecLoader.check("gantry.yaml", text + "alerts:\n  email: [ops@example.com]\n");
        assertThat(r.errors()).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("alerts");
            assertThat(d.line()).isGreaterThan(60);
            assertThat(d.message()).contains("48 services").contains("EventBridge allows 2048");
            assertThat(d.fix()).contains("shorter service names");
        });
    }

    @Test void a_bad_address_is_an_error_naming_the_line_and_field() {
        var r = SpecLoader.check("gantry.yaml", WEB + "alerts:\n  email:\n    - ops@example.com\n    - not-an-address\n");
        assertThat(r.valid()).isFalse();
        Diagnostic d = r.errors().get(0);
        assertThat(d.file()).isEqualTo("gantry.yaml");
        assertThat(d.line()).isEqualTo(11);
        assertThat(d.field()).isEqualTo("alerts.email[1]");
        assertThat(d.message()).contains("not an email address");
        assertThat(d.fix()).isNotBlank();
    }

    @Test void thresholds_out_of_range_and_unknown_keys_are_errors() {
        var r = SpecLoader.check("gantry.yaml", WEB + "alerts:\n  email: [ops@example.com]\n  cpuPercent: 150\n  latencyMs: 3\n");
        assertThat(r.errors()).extracting(Diagnostic::field).containsExactlyInAnyOrder("alerts.cpuPercent", "alerts.latencyMs");
        assertThat(r.errors()).anySatisfy(d -> assertThat(d.fix()).contains("latencyP95Ms"));
    }

    @Test void a_duplicate_address_is_an_error_and_no_address_a_warning() {
        assertThat(SpecLoader.check("gantry.yaml", WEB + "alerts:\n  email: [a@example.com, A@example.com]\n").errors())
                .singleElement().satisfies(d -> assertThat(d.field()).isEqualTo("alerts.email[1]"));
        var r = SpecLoader.check("gantry.yaml", WEB + "alerts: {}\n");
        assertThat(r.valid()).isTrue();
        assertThat(r.warnings()).anySatisfy(d -> assertThat(d.message()).contains("nobody is told"));
    }

    /** One address written as text is an error that says how to write it, not also a warning that there is none. */
    @Test void an_address_not_in_a_list_is_one_error_and_no_warning() {
        var r = SpecLoader.check("gantry.yaml", WEB + "alerts:\n  email: ops@example.com\n");
        assertThat(r.errors()).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("alerts.email");
            assertThat(d.fix()).contains("[ops@example.com]");
        });
        assertThat(r.warnings()).noneSatisfy(d -> assertThat(d.message()).contains("nobody is told"));
    }

    @Test void the_writer_writes_what_the_loader_reads() throws Exception {
        Spec s = SpecLoader.load("gantry.yaml", WEB).withAlerts(new Alerts(List.of("a@example.com", "b@example.com"), 5, 800, 70, 75, false));
        String text = SpecWriter.write(s);
        assertThat(text).contains("# " + OwnComments.ALERTS);
        assertThat(SpecLoader.load("gantry.yaml", text)).isEqualTo(s);
    }
}
