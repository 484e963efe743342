package dev.gantry.cli.command;

import dev.gantry.aws.sim.LogsWriter;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.spec.Spec;
import dev.gantry.ui.LogText;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class LogsCommandTest {
    static final String GROUP = "/gantry/hello";
    final Spec spec = AppContextWorld.template("web-https.yaml");
    AppContextWorld w;
    List<String> streams;

    @BeforeEach void deployed() {
        w = new AppContextWorld();
        w.applied(spec);
        streams = new ArrayList<>(w.world.state.logs.groups.get(GROUP).streams.keySet());
        assertThat(streams).hasSize(2);
    }

    private String task(int i) { return streams.get(i).substring(streams.get(i).lastIndexOf('/') + 1); }

    private List<String> lines() { return w.out().lines().toList(); }

    @Test void every_line_starts_with_the_short_task_id_and_the_time() {
        int code = w.run(spec, d -> LogsCommand.run(d, "10m", null, false, new CompletableFuture<>()));

        assertThat(code).as(w.err()).isZero();
        assertThat(lines()).isNotEmpty().allSatisfy(l ->
                assertThat(l).matches("\\[[0-9a-f]{8}] 2026-01-01 \\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z .+"));
        assertThat(w.out()).contains("[" + task(0).substring(0, 8) + "] ").contains("[" + task(1).substring(0, 8) + "] ")
                .contains("Configuration complete; ready for start up");
    }

    @Test void since_takes_a_span_or_a_time() {
        w.time.advance(Duration.ofMinutes(5));
        Instant now = w.time.now();
        LogsWriter.of(w.world).append(GROUP, streams.get(0), now.minusSeconds(3600), "an hour ago");
        LogsWriter.of(w.world).append(GROUP, streams.get(1), now.minusSeconds(20), "twenty seconds ago");

        w.run(spec, d -> LogsCommand.run(d, "30s", null, false, new CompletableFuture<>()));
        assertThat(lines()).containsExactly("[" + task(1).substring(0, 8) + "] " + LogText.TIME.format(now.minusSeconds(20)) + " twenty seconds ago");

        w.streams.clear();
        w.run(spec, d -> LogsCommand.run(d, now.minusSeconds(25).toString(), null, false, new CompletableFuture<>()));
        assertThat(w.out()).contains("twenty seconds ago").doesNotContain("an hour ago").doesNotContain("ready for start up");

        w.streams.clear();
        w.run(spec, d -> LogsCommand.run(d, "2h", null, false, new CompletableFuture<>()));
        assertThat(w.out()).contains("an hour ago").contains("ready for start up").contains("twenty seconds ago");
        assertThat(w.out().indexOf("an hour ago")).isLessThan(w.out().indexOf("ready for start up"));
    }

    @Test void an_empty_window_says_so_on_stderr() {
        w.time.advance(Duration.ofHours(1));
        assertThat(w.run(spec, d -> LogsCommand.run(d, "1m", null, false, new CompletableFuture<>()))).isZero();
        assertThat(w.out()).isEmpty();
        assertThat(w.err()).contains("No log lines in /gantry/hello since");
    }

    @Test void task_picks_one_task() {
        String one = task(0).substring(0, 8);
        w.run(spec, d -> LogsCommand.run(d, "1d", one, false, new CompletableFuture<>()));
        assertThat(lines()).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("[" + one + "]"));
    }

    @Test void follow_prints_new_lines_once_each_in_order_until_stopped() {
        w.time.advance(Duration.ofMinutes(10));
        Instant t0 = w.time.now();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        w.time.schedule(Duration.ofSeconds(3), () -> LogsWriter.of(w.world).append(GROUP, streams.get(0), w.time.now(), "first new line"));
        w.time.schedule(Duration.ofSeconds(5), () -> LogsWriter.of(w.world).append(GROUP, streams.get(1), w.time.now(), "second new line"));
        // A line the driver sent late: its timestamp is before the newest line already printed.
        w.time.schedule(Duration.ofSeconds(8), () -> {
            w.aws.logs().createLogStream(b -> b.logGroupName(GROUP).logStreamName("hello/hello/0123456789abcdef0123456789abcdef"));
            w.aws.logs().putLogEvents(b -> b.logGroupName(GROUP).logStreamName("hello/hello/0123456789abcdef0123456789abcdef")
                    .logEvents(InputLogEvent.builder().timestamp(t0.plusSeconds(4).toEpochMilli()).message("late line").build()));
        });
        w.time.schedule(Duration.ofSeconds(13), () -> stop.complete(null));

        int code = w.run(spec, d -> LogsCommand.run(d, "1s", null, true, stop));

        assertThat(code).isEqualTo(ExitCode.INTERRUPTED.code());
        assertThat(lines()).containsExactly(
                "[" + task(0).substring(0, 8) + "] " + LogText.TIME.format(t0.plusSeconds(3)) + " first new line",
                "[" + task(1).substring(0, 8) + "] " + LogText.TIME.format(t0.plusSeconds(5)) + " second new line",
                "[01234567] " + LogText.TIME.format(t0.plusSeconds(4)) + " late line");
        assertThat(w.err()).contains("Following /gantry/hello (Ctrl-C to stop)");
        assertThat(w.time.now()).isBefore(t0.plusSeconds(16));
    }

    @Test void a_throttled_poll_is_skipped_and_the_next_catches_up() {
        w.time.advance(Duration.ofMinutes(10));
        Instant t0 = w.time.now();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        w.time.schedule(Duration.ofSeconds(1), () -> dev.gantry.aws.sim.SimFaults.of(w.world).throttle(1.0));
        w.time.schedule(Duration.ofSeconds(3), () -> LogsWriter.of(w.world).append(GROUP, streams.get(0), w.time.now(), "during throttling"));
        w.time.schedule(Duration.ofSeconds(7), () -> dev.gantry.aws.sim.SimFaults.of(w.world).clear());
        w.time.schedule(Duration.ofSeconds(11), () -> stop.complete(null));

        assertThat(w.run(spec, d -> LogsCommand.run(d, "1s", null, true, stop))).isEqualTo(ExitCode.INTERRUPTED.code());

        assertThat(lines()).containsExactly("[" + task(0).substring(0, 8) + "] " + LogText.TIME.format(t0.plusSeconds(3)) + " during throttling");
    }

    @Test void a_missing_log_group_is_explained() {
        w.aws.logs().deleteLogGroup(b -> b.logGroupName(GROUP));
        assertThat(w.run(spec, d -> LogsCommand.run(d, "10m", null, false, new CompletableFuture<>()))).isEqualTo(ExitCode.FAILED.code());
        assertThat(w.err()).contains("gantry: the log group /gantry/hello does not exist").contains("gantry apply");
    }

    @Test void a_bad_since_is_invalid_input() {
        assertThat(w.run(spec, d -> LogsCommand.run(d, "yesterday", null, false, new CompletableFuture<>()))).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(w.err()).contains("--since yesterday: expected a span such as 30s");
    }

    @Test void no_credentials_exit_4() {
        dev.gantry.aws.sim.SimFaults.of(w.world).deny("sts:GetCallerIdentity");
        assertThat(w.run(spec, d -> LogsCommand.run(d, "10m", null, false, new CompletableFuture<>()))).isEqualTo(ExitCode.NO_CREDENTIALS.code());
    }

    @Test void a_message_of_several_lines_stays_under_its_head() {
        var line = new dev.gantry.ops.LogLine("0123456789abcdef", Instant.parse("2026-01-01T10:00:00.5Z"), "Exception: boom\n  at a.b(C.java:1)\n", "s", "1");
        assertThat(LogText.render(line, dev.gantry.ui.Ansi.NONE)).isEqualTo(
                "[01234567] 2026-01-01 10:00:00.500Z Exception: boom\n" + " ".repeat(36) + "  at a.b(C.java:1)");
    }
}
