package dev.gantry.ui;

import dev.gantry.ops.StatusReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How status prints and serialises the scheduled jobs. */
class StatusJobsTextTest {
    private static StatusReport report() {
        Instant t = Instant.parse("2026-01-01T00:30:00Z");
        return new StatusReport("worker", "us-east-1", t, true, null, null, null, null, null, List.of(), List.of(), null, List.of(
                new StatusReport.JobStatus("report", "cron(0/10 * * * ? *)", "UTC", true, true, Instant.parse("2026-01-01T00:40:00Z"),
                        new StatusReport.JobRun("abcdef0123", t.minusSeconds(60), t.minusSeconds(58), t.minusSeconds(55), false, 0, "Essential container in task exited")),
                new StatusReport.JobStatus("cleanup", "rate(1 hour)", "Europe/Paris", true, false, null, null)));
    }

    @Test void one_line_per_job() {
        String text = StatusText.render(report(), Ansi.NONE);
        assertThat(text).contains("Jobs         report  cron(0/10 * * * ? *) UTC · next 2026-01-01 00:40Z · last: ok after 3s (2026-01-01 00:29Z)\n")
                .contains("             cleanup  rate(1 hour) Europe/Paris · disabled · last: none that ECS still shows");
    }

    @Test void json_has_the_jobs() {
        String json = StatusJson.render(report(), s -> s);
        assertThat(json).contains("\"jobs\":[{\"name\":\"report\",\"schedule\":\"cron(0/10 * * * ? *)\",\"timezone\":\"UTC\",\"deployed\":true,\"enabled\":true,"
                + "\"nextRun\":\"2026-01-01T00:40:00Z\",\"lastRun\":{\"taskId\":\"abcdef0123\",\"at\":\"2026-01-01T00:29:00Z\",\"running\":false,\"exitCode\":0,\"seconds\":3,");
    }

    @Test void a_run_its_timeout_stopped_says_so() {
        Instant t = Instant.parse("2026-01-01T00:30:00Z");
        StatusReport r = new StatusReport("worker", "us-east-1", t, true, null, null, null, null, null, List.of(), List.of(), null, List.of(
                new StatusReport.JobStatus("export", "rate(1 hour)", "UTC", true, true, null,
                        new StatusReport.JobRun("abcdef0123", t.minusSeconds(1900), t.minusSeconds(1880), t.minusSeconds(78), false, 143,
                                "Essential container in task exited", true, "30m"))));
        assertThat(StatusText.render(r, Ansi.NONE)).contains("export  rate(1 hour) UTC · next unknown · last: timed out after 30m (2025-12-31 23:58Z)")
                .doesNotContain("exit 143");
        assertThat(StatusJson.render(r, s -> s)).contains("\"exitCode\":143").contains("\"timedOut\":true");
    }
}
