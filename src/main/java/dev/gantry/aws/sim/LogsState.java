package dev.gantry.aws.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The simulated CloudWatch Logs state: log groups, their streams and events (lines come in through {@link LogsWriter}). */
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
}
