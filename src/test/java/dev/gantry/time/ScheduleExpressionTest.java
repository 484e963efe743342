package dev.gantry.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EventBridge Scheduler's expressions as AWS reads them: what it refuses, and when each fires. */
class ScheduleExpressionTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static List<String> fires(String expression, String from, String to, ZoneId zone) {
        Instant a = Instant.parse(from);
        return ScheduleExpression.parse(expression).between(a, a.minusMillis(1), Instant.parse(to), zone, 100).stream().map(Instant::toString).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(0 12 * * * *)", "cron(0 12 ? * ? *)", "cron(0 12 * *)", "cron(60 12 * * ? *)", "cron(0 24 * * ? *)",
            "cron(0 12 32 * ? *)", "cron(0 12 ? FOO * *)", "cron(0 12 ? * 8 *)", "cron(0 12 ? * 2#6 *)", "cron(0 12 * * ? 1969)",
            "rate(0 minutes)", "rate(5 weeks)", "rate(-1 days)", "rate(five minutes)", "every day", "at(2026-13-01T00:00:00)", ""})
    void refuses_what_aws_refuses(String expression) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid Schedule Expression " + expression + ".");
    }

    @Test void a_rate_fires_at_once_then_every_interval() {
        assertThat(fires("rate(15 minutes)", "2026-01-01T00:00:00Z", "2026-01-01T00:40:00Z", UTC))
                .containsExactly("2026-01-01T00:00:00Z", "2026-01-01T00:15:00Z", "2026-01-01T00:30:00Z");
        assertThat(fires("rate(1 day)", "2026-01-01T10:00:00Z", "2026-01-03T10:00:00Z", UTC)).hasSize(3);
    }

    @Test void cron_fields_steps_ranges_names_and_last_days() {
        assertThat(fires("cron(0/20 8-9 ? * MON-FRI *)", "2026-01-02T00:00:00Z", "2026-01-05T09:30:00Z", UTC)).containsExactly(
                "2026-01-02T08:00:00Z", "2026-01-02T08:20:00Z", "2026-01-02T08:40:00Z", "2026-01-02T09:00:00Z", "2026-01-02T09:20:00Z",
                "2026-01-02T09:40:00Z", "2026-01-05T08:00:00Z", "2026-01-05T08:20:00Z", "2026-01-05T08:40:00Z", "2026-01-05T09:00:00Z",
                "2026-01-05T09:20:00Z");
        assertThat(fires("cron(30 23 L * ? *)", "2026-01-01T00:00:00Z", "2026-03-31T23:59:00Z", UTC))
                .containsExactly("2026-01-31T23:30:00Z", "2026-02-28T23:30:00Z", "2026-03-31T23:30:00Z");
        assertThat(fires("cron(0 6 ? * 2#1 *)", "2026-01-01T00:00:00Z", "2026-02-28T00:00:00Z", UTC))
                .as("the first Monday").containsExactly("2026-01-05T06:00:00Z", "2026-02-02T06:00:00Z");
        assertThat(fires("cron(0 6 ? * 6L *)", "2026-01-01T00:00:00Z", "2026-01-31T23:00:00Z", UTC))
                .as("the last Friday").containsExactly("2026-01-30T06:00:00Z");
        assertThat(fires("cron(0 6 1W * ? *)", "2026-02-01T00:00:00Z", "2026-02-03T00:00:00Z", UTC))
                .as("the weekday nearest the 1st: Sunday the 1st becomes Monday the 2nd").containsExactly("2026-02-02T06:00:00Z");
    }

    @Test void cron_is_read_in_the_schedules_time_zone() {
        assertThat(fires("cron(0 9 * * ? *)", "2026-01-10T00:00:00Z", "2026-01-10T23:59:00Z", ZoneId.of("Europe/Paris")))
                .containsExactly("2026-01-10T08:00:00Z");
        assertThat(fires("cron(0 9 * * ? *)", "2026-07-10T00:00:00Z", "2026-07-10T23:59:00Z", ZoneId.of("Europe/Paris")))
                .containsExactly("2026-07-10T07:00:00Z");
    }

    @Test void at_fires_once() {
        assertThat(fires("at(2026-01-01T12:00:00)", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", UTC)).containsExactly("2026-01-01T12:00:00Z");
        assertThat(ScheduleExpression.parse("cron(0 12 * * ? *)").next(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T12:00:00Z"), UTC))
                .isEqualTo(Instant.parse("2026-01-02T12:00:00Z"));
    }
}
