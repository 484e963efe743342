package dev.gantry.aws.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The simulated CloudWatch Logs state: log groups, their streams and events. */
public final class LogsState {
    public static final class EventRec {
        public long timestamp;
        public long ingestionTime;
        public String message;

        public EventRec() {}
        EventRec(long timestamp, long ingestionTime, String message) {
            this.timestamp = timestamp;
            this.ingestionTime = ingestionTime;
            this.message = message;
        }
    }

    public static final class StreamRec {
        public String name;
        public long createdAt;
        public List<EventRec> events = new ArrayList<>();
    }

    public static final class GroupRec {
        public String name;
        public Integer retentionDays;
        public long createdAt;
        public Map<String, String> tags = new LinkedHashMap<>();
        public Map<String, StreamRec> streams = new TreeMap<>();
    }

    public Map<String, GroupRec> groups = new TreeMap<>();

    public boolean groupExists(String name) { return groups.containsKey(name); }

    /**
     * A container's output line, as the awslogs driver would write it (the simulated ECS calls
     * this). The stream is created on first use; a missing group drops the line, which is what the
     * driver does once the task has already started.
     */
    public void append(String group, String stream, Instant at, String message) {
        GroupRec g = groups.get(group);
        if (g == null) return;
        StreamRec s = g.streams.computeIfAbsent(stream, n -> {
            StreamRec r = new StreamRec();
            r.name = n;
            r.createdAt = at.toEpochMilli();
            return r;
        });
        s.events.add(new EventRec(at.toEpochMilli(), at.toEpochMilli(), message));
    }
}
