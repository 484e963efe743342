package dev.gantry.aws.sim;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** CloudWatch Logs taking lines on its own: its state, no world. */
class LogsWriterTest {
    private final LogsState logs = new LogsState();
    private final LogsWriter writer = new LogsWriter(logs);

    @Test
    void aLineMakesItsStreamOnFirstUseAndAMissingGroupDropsIt() {
        LogsState.GroupRec g = new LogsState.GroupRec();
        g.name = "/gantry/hello";
        logs.groups.put(g.name, g);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");

        writer.append("/gantry/hello", "hello/hello/t1", at, "started");
        writer.append("/gantry/hello", "hello/hello/t1", at.plusSeconds(1), "GET / 200");
        writer.append("/gantry/gone", "hello/hello/t1", at, "lost");

        assertThat(g.streams).containsOnlyKeys("hello/hello/t1");
        assertThat(g.streams.get("hello/hello/t1").createdAt).isEqualTo(at.toEpochMilli());
        assertThat(g.streams.get("hello/hello/t1").events).extracting(e -> e.message).containsExactly("started", "GET / 200");
        assertThat(logs.groups).containsOnlyKeys("/gantry/hello");
    }
}
