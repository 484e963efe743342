package dev.gantry.aws.sim;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Simulated CloudWatch Logs: log groups with retention and tags, streams, events and filtering. */
public final class SimLogs implements CloudWatchLogsClient {
    private static final int PAGE = 1000;
    /**
     * PutRetentionPolicy's enum, as AWS documents it. The simulated AWS keeps its own copy rather
     * than gantry's ({@code spec.Logs}), so a wrong list in the spec would be refused here too.
     */
    static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180,
            365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private final SimWorld world;

    public SimLogs(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        AwsServiceException.Builder b = switch (code) {
            case "ResourceNotFoundException" -> ResourceNotFoundException.builder();
            case "ResourceAlreadyExistsException" -> ResourceAlreadyExistsException.builder();
            case "InvalidParameterException" -> InvalidParameterException.builder();
            default -> CloudWatchLogsException.builder();
        };
        return SimErrors.error(b, "CloudWatchLogs", status, code, message);
    }

    private LogsState st() { return world.state.logs; }

    private LogsState.GroupRec group(String name) {
        LogsState.GroupRec g = name == null ? null : st().groups.get(name);
        if (g == null) throw err(400, "ResourceNotFoundException", "The specified log group does not exist.");
        return g;
    }

    private String groupArn(String name) { return "arn:aws:logs:" + world.region() + ":" + world.accountId() + ":log-group:" + name; }

    private LogsState.GroupRec groupByArn(String arn) {
        String prefix = "arn:aws:logs:" + world.region() + ":" + world.accountId() + ":log-group:";
        if (arn == null || !arn.startsWith(prefix)) throw err(400, "InvalidParameterException", "Invalid resource ARN: " + arn);
        String name = arn.substring(prefix.length());
        if (name.endsWith(":*")) name = name.substring(0, name.length() - 2);
        return group(name);
    }

    @Override public CreateLogGroupResponse createLogGroup(CreateLogGroupRequest req) {
        return world.mutate("logs:CreateLogGroup", this::err, () -> {
            if (st().groups.containsKey(req.logGroupName())) throw err(400, "ResourceAlreadyExistsException", "The specified log group already exists");
            if (req.logGroupName() == null || !req.logGroupName().matches("[\\.\\-_/#A-Za-z0-9]{1,512}")) {
                throw err(400, "InvalidParameterException", "1 validation error detected: Value '" + req.logGroupName() + "' at 'logGroupName' failed to satisfy constraint");
            }
            LogsState.GroupRec g = new LogsState.GroupRec();
            g.name = req.logGroupName();
            g.createdAt = world.now().toEpochMilli();
            if (req.tags() != null) g.tags.putAll(req.tags());
            st().groups.put(g.name, g);
            return CreateLogGroupResponse.builder().build();
        });
    }

    @Override public PutRetentionPolicyResponse putRetentionPolicy(PutRetentionPolicyRequest req) {
        return world.mutate("logs:PutRetentionPolicy", this::err, () -> {
            LogsState.GroupRec g = group(req.logGroupName());
            if (req.retentionInDays() == null || !RETENTION_DAYS.contains(req.retentionInDays())) {
                throw err(400, "InvalidParameterException", "1 validation error detected: Value '" + req.retentionInDays()
                        + "' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: " + RETENTION_DAYS);
            }
            g.retentionDays = req.retentionInDays();
            return PutRetentionPolicyResponse.builder().build();
        });
    }

    @Override public DeleteRetentionPolicyResponse deleteRetentionPolicy(DeleteRetentionPolicyRequest req) {
        return world.mutate("logs:DeleteRetentionPolicy", this::err, () -> {
            group(req.logGroupName()).retentionDays = null;
            return DeleteRetentionPolicyResponse.builder().build();
        });
    }

    @Override public DescribeLogGroupsResponse describeLogGroups(DescribeLogGroupsRequest req) {
        return world.read("logs:DescribeLogGroups", this::err, () -> {
            String prefix = req.logGroupNamePrefix() == null ? "" : req.logGroupNamePrefix();
            List<LogGroup> out = st().groups.values().stream().filter(g -> g.name.startsWith(prefix))
                    .map(g -> LogGroup.builder().logGroupName(g.name).arn(groupArn(g.name) + ":*").logGroupArn(groupArn(g.name))
                            .retentionInDays(g.retentionDays).creationTime(g.createdAt).storedBytes(0L).build()).toList();
            return DescribeLogGroupsResponse.builder().logGroups(out).build();
        });
    }

    @Override public DescribeLogGroupsResponse describeLogGroups() { return describeLogGroups(DescribeLogGroupsRequest.builder().build()); }

    @Override public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest req) {
        return world.read("logs:ListTagsForResource", this::err, () ->
                ListTagsForResourceResponse.builder().tags(new LinkedHashMap<>(groupByArn(req.resourceArn()).tags)).build());
    }

    @SuppressWarnings("deprecation")
    @Override public ListTagsLogGroupResponse listTagsLogGroup(ListTagsLogGroupRequest req) {
        return world.read("logs:ListTagsLogGroup", this::err, () ->
                ListTagsLogGroupResponse.builder().tags(new LinkedHashMap<>(group(req.logGroupName()).tags)).build());
    }

    @Override public TagResourceResponse tagResource(TagResourceRequest req) {
        return world.mutate("logs:TagResource", this::err, () -> {
            // Logs TagResource, Errors: InvalidParameterException, TooManyTagsException.
            TagRules.put(groupByArn(req.resourceArn()).tags, req.tags(), this::err, TagRules.LOGS);
            return TagResourceResponse.builder().build();
        });
    }

    @Override public DeleteLogGroupResponse deleteLogGroup(DeleteLogGroupRequest req) {
        return world.mutate("logs:DeleteLogGroup", this::err, () -> {
            st().groups.remove(group(req.logGroupName()).name);
            return DeleteLogGroupResponse.builder().build();
        });
    }

    @Override public CreateLogStreamResponse createLogStream(CreateLogStreamRequest req) {
        return world.mutate("logs:CreateLogStream", this::err, () -> {
            LogsState.GroupRec g = group(req.logGroupName());
            if (g.streams.containsKey(req.logStreamName())) throw err(400, "ResourceAlreadyExistsException", "The specified log stream already exists");
            LogsState.StreamRec s = new LogsState.StreamRec();
            s.name = req.logStreamName();
            s.createdAt = world.now().toEpochMilli();
            g.streams.put(s.name, s);
            return CreateLogStreamResponse.builder().build();
        });
    }

    private LogsState.StreamRec stream(LogsState.GroupRec g, String name) {
        LogsState.StreamRec s = g.streams.get(name);
        if (s == null) throw err(400, "ResourceNotFoundException", "The specified log stream does not exist.");
        return s;
    }

    @Override public PutLogEventsResponse putLogEvents(PutLogEventsRequest req) {
        return world.mutate("logs:PutLogEvents", this::err, () -> {
            LogsState.StreamRec s = stream(group(req.logGroupName()), req.logStreamName());
            long now = world.now().toEpochMilli();
            req.logEvents().stream().sorted(Comparator.comparing(InputLogEvent::timestamp))
                    .forEach(e -> s.events.add(new LogsState.EventRec(e.timestamp(), now, e.message())));
            return PutLogEventsResponse.builder().build();
        });
    }

    @Override public DescribeLogStreamsResponse describeLogStreams(DescribeLogStreamsRequest req) {
        return world.read("logs:DescribeLogStreams", this::err, () -> {
            LogsState.GroupRec g = group(req.logGroupName());
            String prefix = req.logStreamNamePrefix() == null ? "" : req.logStreamNamePrefix();
            Comparator<LogsState.StreamRec> order = req.orderBy() == OrderBy.LAST_EVENT_TIME
                    ? Comparator.comparingLong(SimLogs::lastEvent) : Comparator.comparing((LogsState.StreamRec s) -> s.name);
            if (Boolean.TRUE.equals(req.descending())) order = order.reversed();
            int limit = req.limit() == null ? 50 : req.limit();
            List<LogStream> out = g.streams.values().stream().filter(s -> s.name.startsWith(prefix)).sorted(order).limit(limit)
                    .map(s -> LogStream.builder().logStreamName(s.name).creationTime(s.createdAt)
                            .arn(groupArn(g.name) + ":log-stream:" + s.name)
                            .firstEventTimestamp(s.events.isEmpty() ? null : s.events.get(0).timestamp)
                            .lastEventTimestamp(s.events.isEmpty() ? null : lastEvent(s)).build()).toList();
            return DescribeLogStreamsResponse.builder().logStreams(out).build();
        });
    }

    private static long lastEvent(LogsState.StreamRec s) {
        return s.events.stream().mapToLong(e -> e.timestamp).max().orElse(s.createdAt);
    }

    @Override public GetLogEventsResponse getLogEvents(GetLogEventsRequest req) {
        return world.read("logs:GetLogEvents", this::err, () -> {
            LogsState.StreamRec s = stream(group(req.logGroupName()), req.logStreamName());
            int from = req.nextToken() == null ? 0 : Integer.parseInt(req.nextToken().substring(2));
            int limit = req.limit() == null ? PAGE : req.limit();
            List<OutputLogEvent> out = new ArrayList<>();
            int i = from;
            for (; i < s.events.size() && out.size() < limit; i++) {
                LogsState.EventRec e = s.events.get(i);
                if (req.startTime() != null && e.timestamp < req.startTime()) continue;
                if (req.endTime() != null && e.timestamp >= req.endTime()) continue;
                out.add(OutputLogEvent.builder().timestamp(e.timestamp).ingestionTime(e.ingestionTime).message(e.message).build());
            }
            // Like AWS, the forward token is returned even at the end; it repeats when nothing is new.
            return GetLogEventsResponse.builder().events(out).nextForwardToken("f/" + i).nextBackwardToken("b/" + from).build();
        });
    }

    @Override public FilterLogEventsResponse filterLogEvents(FilterLogEventsRequest req) {
        return world.read("logs:FilterLogEvents", this::err, () -> {
            LogsState.GroupRec g = group(req.logGroupName());
            List<FilteredLogEvent> all = new ArrayList<>();
            for (LogsState.StreamRec s : g.streams.values()) {
                if (req.logStreamNamePrefix() != null && !s.name.startsWith(req.logStreamNamePrefix())) continue;
                if (req.logStreamNames() != null && !req.logStreamNames().isEmpty() && !req.logStreamNames().contains(s.name)) continue;
                for (int i = 0; i < s.events.size(); i++) {
                    LogsState.EventRec e = s.events.get(i);
                    if (req.startTime() != null && e.timestamp < req.startTime()) continue;
                    if (req.endTime() != null && e.timestamp > req.endTime()) continue;
                    if (!matchesPattern(req.filterPattern(), e.message)) continue;
                    all.add(FilteredLogEvent.builder().logStreamName(s.name).timestamp(e.timestamp).ingestionTime(e.ingestionTime)
                            .message(e.message).eventId(s.name + "/" + i).build());
                }
            }
            all.sort(Comparator.comparing(FilteredLogEvent::timestamp).thenComparing(FilteredLogEvent::eventId));
            int from = req.nextToken() == null ? 0 : Integer.parseInt(req.nextToken());
            int limit = req.limit() == null ? PAGE : req.limit();
            int to = Math.min(all.size(), from + limit);
            return FilterLogEventsResponse.builder().events(all.subList(from, to)).nextToken(to < all.size() ? String.valueOf(to) : null).build();
        });
    }

    /** The plain-term subset of CloudWatch's filter syntax: every space-separated term must appear ("quoted" phrases too). */
    static boolean matchesPattern(String pattern, String message) {
        if (pattern == null || pattern.isBlank()) return true;
        List<String> terms = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(pattern);
        while (m.find()) terms.add(m.group(1) != null ? m.group(1) : m.group(2));
        return terms.stream().allMatch(message::contains);
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}

    static Map<String, String> copy(Map<String, String> m) { return new LinkedHashMap<>(m); }
}
