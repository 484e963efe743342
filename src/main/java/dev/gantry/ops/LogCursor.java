package dev.gantry.ops;

import dev.gantry.aws.AwsErrors;
import dev.gantry.aws.AwsFailure;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the app's log group forward with FilterLogEvents: each {@link #next()} returns the lines
 * not returned before, oldest first. CloudWatch makes a line searchable a little after its
 * timestamp, and lines of several tasks arrive out of order, so every query starts
 * {@link #LOOKBACK} before the newest line seen and drops the event ids it has already returned.
 */
public final class LogCursor {
    static final Duration LOOKBACK = Duration.ofSeconds(30);

    private final CloudWatchLogsClient logs;
    private final String group;
    private final String taskPrefix;
    private final long from;
    private final Map<String, Long> seen = new HashMap<>();
    private long newest = Long.MIN_VALUE;

    /** {@code taskPrefix}: only tasks whose id starts with it (null: every task). */
    public LogCursor(CloudWatchLogsClient logs, String group, Instant from, String taskPrefix) {
        this.logs = logs;
        this.group = group;
        this.from = from.toEpochMilli();
        this.taskPrefix = taskPrefix == null || taskPrefix.isBlank() ? null : taskPrefix.trim();
    }

    public String group() { return group; }

    public List<LogLine> next() {
        long start = newest == Long.MIN_VALUE ? from : Math.max(from, newest - LOOKBACK.toMillis());
        List<LogLine> out = new ArrayList<>();
        String token = null;
        do {
            FilterLogEventsRequest.Builder b = FilterLogEventsRequest.builder().logGroupName(group).startTime(start);
            if (token != null) b.nextToken(token);
            FilterLogEventsResponse r = call(b.build());
            for (FilteredLogEvent e : r.events()) {
                String id = e.eventId() != null ? e.eventId() : e.logStreamName() + "/" + e.timestamp() + "/" + e.message();
                if (seen.containsKey(id)) continue;
                seen.put(id, e.timestamp());
                newest = Math.max(newest, e.timestamp());
                String task = LogLine.taskIdOf(e.logStreamName());
                if (taskPrefix != null && !task.startsWith(taskPrefix)) continue;
                out.add(new LogLine(task, Instant.ofEpochMilli(e.timestamp()), e.message(), e.logStreamName(), id));
            }
            token = r.nextToken();
        } while (token != null);
        long keepFrom = newest - LOOKBACK.toMillis();
        seen.values().removeIf(ts -> ts < keepFrom);
        out.sort(Comparator.comparing(LogLine::at).thenComparing(LogLine::stream).thenComparing(LogLine::eventId));
        return out;
    }

    private FilterLogEventsResponse call(FilterLogEventsRequest req) {
        try {
            return logs.filterLogEvents(req);
        } catch (ResourceNotFoundException e) {
            throw new AwsFailure(AwsFailure.Kind.NOT_FOUND, "the log group " + group + " does not exist",
                    "the app is not deployed yet, or the log group was deleted outside gantry: run 'gantry apply' (it recreates it)", e);
        } catch (RuntimeException e) {
            if (AwsErrors.retryable(e)) throw e;
            throw AwsErrors.translate("reading the log group " + group, e);
        }
    }
}
