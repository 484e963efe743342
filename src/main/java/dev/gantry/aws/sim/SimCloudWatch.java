package dev.gantry.aws.sim;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Simulated CloudWatch metric alarms: PutMetricAlarm (create or overwrite), DescribeAlarms,
 * DeleteAlarms and tags, with the validation rules of the CloudWatch API reference; states come
 * from {@link AlarmEvaluator}.
 */
public final class SimCloudWatch implements CloudWatchClient {
    private static final Set<String> STATISTICS = Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");
    private static final Set<String> MISSING = Set.of("breaching", "notBreaching", "ignore", "missing");
    private final SimWorld world;

    public SimCloudWatch(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        AwsServiceException.Builder b = switch (code) {
            case "ResourceNotFound", "ResourceNotFoundException" -> ResourceNotFoundException.builder();
            case "LimitExceeded" -> LimitExceededException.builder();
            case "InvalidParameterValue" -> InvalidParameterValueException.builder();
            case "InvalidParameterCombination" -> InvalidParameterCombinationException.builder();
            case "MissingParameter" -> MissingRequiredParameterException.builder();
            default -> CloudWatchException.builder();
        };
        return SimErrors.error(b, "CloudWatch", status, code, message);
    }

    private RuntimeException invalid(String message) { return err(400, "InvalidParameterValue", message); }

    private CloudWatchState st() { return world.state.cloudWatch; }

    private String arn(String name) { return "arn:aws:cloudwatch:" + world.region() + ":" + world.accountId() + ":alarm:" + name; }

    @Override public PutMetricAlarmResponse putMetricAlarm(PutMetricAlarmRequest req) {
        return world.mutate("cloudwatch:PutMetricAlarm", this::err, () -> {
            String name = req.alarmName();
            if (name == null || name.isEmpty() || name.length() > 255) throw invalid("The parameter AlarmName must be between 1 and 255 characters.");
            if (req.metricName() == null || req.namespace() == null) throw err(400, "MissingParameter", "MetricName and Namespace are required for a metric alarm.");
            boolean stat = req.statisticAsString() != null, ext = req.extendedStatistic() != null;
            if (stat == ext) throw err(400, "InvalidParameterCombination", "Exactly one of Statistic and ExtendedStatistic must be specified.");
            if (stat && !STATISTICS.contains(req.statisticAsString())) throw invalid("Invalid statistic " + req.statisticAsString() + ".");
            if (ext && !req.extendedStatistic().matches("p(\\d{1,2}(\\.\\d{0,2})?|100)")) throw invalid("Invalid extended statistic " + req.extendedStatistic() + ".");
            Integer period = req.period();
            if (period == null || !(period == 10 || period == 30 || (period >= 60 && period % 60 == 0))) {
                throw invalid("The parameter Period must be 10, 30 or a multiple of 60.");
            }
            Integer n = req.evaluationPeriods();
            if (n == null || n < 1) throw invalid("The parameter EvaluationPeriods must be greater than or equal to 1.");
            if ((long) n * period > 7 * 86400L) throw invalid("The evaluation period of an alarm cannot exceed 7 days.");
            int m = req.datapointsToAlarm() == null ? n : req.datapointsToAlarm();
            if (m < 1 || m > n) throw invalid("DatapointsToAlarm must be between 1 and EvaluationPeriods.");
            if (req.threshold() == null) throw err(400, "MissingParameter", "Threshold is required.");
            if (req.comparisonOperator() == null || req.comparisonOperatorAsString().contains("Band")) {
                throw invalid("ComparisonOperator must be a static threshold comparison.");
            }
            String missing = req.treatMissingData() == null ? "missing" : req.treatMissingData();
            if (!MISSING.contains(missing)) throw invalid("TreatMissingData must be breaching, notBreaching, ignore or missing.");
            if (req.alarmActions().size() > 5 || req.okActions().size() > 5) throw err(400, "LimitExceeded", "An alarm can have at most 5 actions per state.");
            for (String a : concat(req.alarmActions(), req.okActions())) {
                if (!a.startsWith("arn:aws:sns:" + world.region() + ":")) throw invalid("Invalid arn syntax: " + a);
            }
            if (req.dimensions().size() > 30) throw invalid("At most 30 dimensions.");
            long now = world.now().toEpochMilli();
            CloudWatchState.AlarmRec a = st().alarms.get(name);
            boolean created = a == null;
            if (created) {
                a = new CloudWatchState.AlarmRec();
                a.name = name;
                a.arn = arn(name);
                a.stateUpdatedAt = now;
                a.evaluatedUntil = now;
                a.sampledUntil = now;
                // AWS: tags given when updating an existing alarm are ignored.
                for (Tag t : req.tags()) a.tags.put(t.key(), t.value());
            }
            a.description = req.alarmDescription();
            a.namespace = req.namespace();
            a.metricName = req.metricName();
            a.statistic = req.statisticAsString();
            a.extendedStatistic = req.extendedStatistic();
            a.dimensions.clear();
            for (Dimension d : req.dimensions()) a.dimensions.put(d.name(), d.value());
            if (!created && a.period != period) { a.samples.clear(); a.recent.clear(); a.sampledUntil = a.evaluatedUntil = now; }
            a.period = period;
            a.evaluationPeriods = n;
            a.datapointsToAlarm = m;
            a.threshold = req.threshold();
            a.comparison = req.comparisonOperatorAsString();
            a.treatMissingData = missing;
            a.actionsEnabled = req.actionsEnabled() == null || req.actionsEnabled();
            a.alarmActions = new ArrayList<>(req.alarmActions());
            a.okActions = new ArrayList<>(req.okActions());
            a.configurationUpdatedAt = now;
            st().alarms.put(name, a);
            return PutMetricAlarmResponse.builder().build();
        });
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Override public DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest req) {
        return world.read("cloudwatch:DescribeAlarms", this::err, () -> {
            world.evaluateAlarms(world.now());
            int max = req.maxRecords() == null ? 50 : req.maxRecords();
            if (max < 1 || max > 100) throw invalid("MaxRecords must be between 1 and 100.");
            if (!req.alarmNames().isEmpty() && req.alarmNamePrefix() != null) {
                throw err(400, "InvalidParameterCombination", "AlarmNames and AlarmNamePrefix cannot be used together.");
            }
            List<CloudWatchState.AlarmRec> all = new ArrayList<>();
            for (CloudWatchState.AlarmRec a : st().alarms.values()) {
                if (!req.alarmNames().isEmpty() && !req.alarmNames().contains(a.name)) continue;
                if (req.alarmNamePrefix() != null && !a.name.startsWith(req.alarmNamePrefix())) continue;
                if (req.stateValue() != null && !req.stateValueAsString().equals(a.state)) continue;
                all.add(a);
            }
            int from = req.nextToken() == null ? 0 : Integer.parseInt(req.nextToken());
            int to = Math.min(all.size(), from + max);
            List<MetricAlarm> page = all.subList(from, to).stream().map(this::toSdk).toList();
            return DescribeAlarmsResponse.builder().metricAlarms(page).nextToken(to < all.size() ? String.valueOf(to) : null).build();
        });
    }

    private MetricAlarm toSdk(CloudWatchState.AlarmRec a) {
        return MetricAlarm.builder().alarmName(a.name).alarmArn(a.arn).alarmDescription(a.description).namespace(a.namespace)
                .metricName(a.metricName).statistic(a.statistic).extendedStatistic(a.extendedStatistic)
                .dimensions(a.dimensions.entrySet().stream().map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .period(a.period).evaluationPeriods(a.evaluationPeriods).datapointsToAlarm(a.datapointsToAlarm).threshold(a.threshold)
                .comparisonOperator(a.comparison).treatMissingData(a.treatMissingData).actionsEnabled(a.actionsEnabled)
                .alarmActions(a.alarmActions).okActions(a.okActions).stateValue(a.state).stateReason(a.stateReason)
                .stateUpdatedTimestamp(Instant.ofEpochMilli(a.stateUpdatedAt))
                .alarmConfigurationUpdatedTimestamp(Instant.ofEpochMilli(a.configurationUpdatedAt)).build();
    }

    @Override public DeleteAlarmsResponse deleteAlarms(DeleteAlarmsRequest req) {
        return world.mutate("cloudwatch:DeleteAlarms", this::err, () -> {
            if (req.alarmNames().size() > 100) throw invalid("At most 100 alarm names.");
            // AWS: when any name is wrong, no alarm is deleted.
            for (String n : req.alarmNames()) {
                if (!st().alarms.containsKey(n)) throw err(404, "ResourceNotFound", "1 of the alarms could not be found: " + n);
            }
            for (String n : req.alarmNames()) st().alarms.remove(n);
            return DeleteAlarmsResponse.builder().build();
        });
    }

    private CloudWatchState.AlarmRec byArn(String arn) {
        for (CloudWatchState.AlarmRec a : st().alarms.values()) if (a.arn.equals(arn)) return a;
        throw err(404, "ResourceNotFoundException", "The specified resource does not exist: " + arn);
    }

    @Override public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest req) {
        return world.read("cloudwatch:ListTagsForResource", this::err, () -> ListTagsForResourceResponse.builder()
                .tags(byArn(req.resourceARN()).tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                .build());
    }

    @Override public TagResourceResponse tagResource(TagResourceRequest req) {
        return world.mutate("cloudwatch:TagResource", this::err, () -> {
            CloudWatchState.AlarmRec a = byArn(req.resourceARN());
            // CloudWatch answers a broken tag rule with InvalidParameterValue (TagResource, Errors).
            TagRules.put(a.tags, req.tags().stream().collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value() == null ? "" : t.value(), (first, last) -> last, java.util.LinkedHashMap::new)), this::err, TagRules.CLOUDWATCH);
            return TagResourceResponse.builder().build();
        });
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}
