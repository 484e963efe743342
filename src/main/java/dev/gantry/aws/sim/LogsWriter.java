package dev.gantry.aws.sim;

import java.time.Instant;

/**
 * Lines other services write into simulated CloudWatch Logs: a container's output through the
 * awslogs driver (ECS), a Lambda function's START, output and END lines (and a test's, standing in
 * for a running container).
 */
public final class LogsWriter {
    private final LogsState logs;

    public LogsWriter(LogsState logs) { this.logs = logs; }

    public static LogsWriter of(SimWorld world) { return new LogsWriter(world.state.logs); }

    /**
     * One line, as the awslogs driver would write a container's (so does a Lambda function's
     * run). The stream is created on first use; a missing group drops the line, which is what
     * the driver does once the task has already started.
     */
    public void append(String group, String stream, Instant at, String message) {
        LogsState.GroupRec g = logs.groups.get(group);
        if (g == null) return;
        LogsState.StreamRec s = g.streams.computeIfAbsent(stream, n -> {
            LogsState.StreamRec r = new LogsState.StreamRec();
            r.name = n;
            r.createdAt = at.toEpochMilli();
            return r;
        });
        s.events.add(new LogsState.EventRec(at.toEpochMilli(), at.toEpochMilli(), message));
    }
}
