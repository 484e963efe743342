package dev.gantry.spec.yaml;

import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Guard;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code guard} section: off when absent, defaults, periods EventBridge Scheduler's rate() takes, errors with line and field. */
class GuardSpecTest {
    private static final String WEB = "version: 1\napp: hello\nregion: us-east-1\ntask:\n  image: nginx:1.27\n  port: 80\nloadBalancer: {}\n";

    @Test void absent_means_off() throws Exception {
        assertThat(SpecLoader.load("gantry.yaml", WEB).guard()).isNull();
        assertThat(SpecLoader.load("gantry.yaml", WEB).hasGuard()).isFalse();
    }

    @Test void defaults_and_periods() throws Exception {
        assertThat(SpecLoader.load("gantry.yaml", WEB + "guard: {}\n").guard()).isEqualTo(new Guard(5, Guard.Repair.SAFE));
        Guard hourly = SpecLoader.load("gantry.yaml", WEB + "guard:\n  every: 1h\n  repair: report\n").guard();
        assertThat(hourly).isEqualTo(new Guard(60, Guard.Repair.REPORT));
        assertThat(hourly.rateExpression()).isEqualTo("rate(60 minutes)");
        assertThat(SpecLoader.load("gantry.yaml", WEB + "guard: {every: 1d}\n").guard().everyMinutes()).isEqualTo(1440);
        assertThat(dev.gantry.time.ScheduleExpression.parse(new Guard(15, Guard.Repair.SAFE).rateExpression())).isNotNull();
    }

    @Test void a_period_too_short_names_line_field_and_fix() {
        var r = SpecLoader.check("gantry.yaml", WEB + "guard:\n  every: 1m\n");
        assertThat(r.valid()).isFalse();
        Diagnostic d = r.errors().get(0);
        assertThat(d.line()).isEqualTo(9);
        assertThat(d.field()).isEqualTo("guard.every");
        assertThat(d.message()).contains("between 5m and 1d");
        assertThat(d.fix()).contains("every: 5m");
    }

    @Test void a_period_of_another_shape_a_long_one_and_an_unknown_repair_are_errors() {
        assertThat(SpecLoader.check("gantry.yaml", WEB + "guard:\n  every: 5 minutes\n").errors())
                .singleElement().satisfies(d -> assertThat(d.message()).contains("not a period"));
        assertThat(SpecLoader.check("gantry.yaml", WEB + "guard:\n  every: 2d\n").errors())
                .singleElement().satisfies(d -> assertThat(d.field()).isEqualTo("guard.every"));
        assertThat(SpecLoader.check("gantry.yaml", WEB + "guard:\n  repair: fix\n").errors())
                .singleElement().satisfies(d -> {
                    assertThat(d.field()).isEqualTo("guard.repair");
                    assertThat(d.message()).contains("safe, report");
                });
        assertThat(SpecLoader.check("gantry.yaml", WEB + "guard:\n  often: 5m\n").errors())
                .singleElement().satisfies(d -> assertThat(d.field()).isEqualTo("guard.often"));
    }

    @Test void the_writer_writes_what_the_loader_reads() throws Exception {
        Spec s = SpecLoader.load("gantry.yaml", WEB).withGuard(new Guard(120, Guard.Repair.REPORT));
        String text = SpecWriter.write(s);
        assertThat(text).contains("# " + OwnComments.GUARD).contains("every: 2h");
        assertThat(SpecLoader.load("gantry.yaml", text)).isEqualTo(s);
    }

    @Test void the_schema_knows_the_section() {
        String schema = SpecSchema.json();
        assertThat(schema).contains("\"guard\"").contains("\"report\"");
    }
}
