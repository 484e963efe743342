package dev.gantry.resources.compute;

import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Piece;
import dev.gantry.resources.Claim;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code alarm.KIND} (a service's: {@code alarm.NAME-KIND}): one CloudWatch metric alarm of
 * {@code alerts} (see {@link Alarms}), named APP-KIND or APP-NAME-KIND, telling the alerts topic. PutMetricAlarm creates and overwrites alike; its tags count
 * only when it creates.
 */
final class AlarmType implements ResourceType {
    @Override public String type() { return "alarm"; }
    @Override public String noun() { return "CloudWatch alarm"; }
    @Override public Piece piece() { return Piece.ALERTS; }
    /** one PutMetricAlarm. */
    @Override public java.time.Duration typicalDuration() { return java.time.Duration.ofSeconds(1); }
    @Override public int tier() { return 3; }
    @Override public Set<String> replaceOn() { return Set.of("name"); }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        if (!TopicType.alertsMayExist(ctx)) return List.of();
        CloudWatchClient cw = ctx.aws().cloudWatch();
        List<Observed> out = new ArrayList<>();
        for (MetricAlarm m : cw.describeAlarmsPaginator(b -> b.alarmNamePrefix(ctx.app() + "-")).metricAlarms()) {
            // Only names gantry gives: other alarms that share the prefix are not read at all.
            if (!Alarms.mayBeTheApps(ctx.app(), m.alarmName())) continue;
            ctx.ownAddress(tags(cw, m.alarmArn()), type()).ifPresent(a -> out.add(observed(a, m)));
        }
        return out;
    }

    private static Map<String, String> tags(CloudWatchClient cw, String arn) {
        Map<String, String> t = new TreeMap<>();
        for (Tag tag : cw.listTagsForResource(b -> b.resourceARN(arn)).tags()) t.put(tag.key(), tag.value());
        return t;
    }

    static Observed observed(Address a, MetricAlarm m) {
        Map<String, String> dims = new TreeMap<>();
        for (Dimension d : m.dimensions()) dims.put(d.name(), d.value());
        // arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME: the load balancer's ARN is rebuilt from its dimension.
        String[] arn = m.alarmArn().split(":", 6);
        String elbPrefix = "arn:aws:elasticloadbalancing:" + arn[3] + ":" + arn[4] + ":";
        Props.Builder p = Props.props().put("name", m.alarmName()).put("description", m.alarmDescription())
                .put("metric", m.namespace() + "/" + m.metricName())
                .put("statistic", m.extendedStatistic() != null ? m.extendedStatistic() : m.statisticAsString())
                .put("threshold", m.threshold() == null ? null : Alarms.threshold(m.threshold()))
                .put("comparison", m.comparisonOperatorAsString()).put("missingData", m.treatMissingData() == null ? "missing" : m.treatMissingData())
                .put("minutes", m.period() != null && m.period() == 60 && m.evaluationPeriods() != null
                        && m.evaluationPeriods().equals(m.datapointsToAlarm() == null ? m.evaluationPeriods() : m.datapointsToAlarm())
                        ? m.evaluationPeriods() : null)
                .put("topicArn", m.alarmActions().size() == 1 && m.okActions().equals(m.alarmActions()) ? m.alarmActions().get(0) : null);
        String lb = dims.remove("LoadBalancer"), tg = dims.remove("TargetGroup");
        if (lb != null) p.put("loadBalancerArn", elbPrefix + "loadbalancer/" + lb);
        if (tg != null) p.put("targetGroupArn", elbPrefix + tg);
        if (!dims.isEmpty()) p.put("dimensions", new TreeMap<String, Object>(dims));
        return new Observed(a, m.alarmName(), p.build(), Map.of("id", m.alarmName(), "name", m.alarmName(), "arn", m.alarmArn(),
                "state", m.stateValueAsString() == null ? "" : m.stateValueAsString()));
    }

    private static Optional<MetricAlarm> find(ResourceContext ctx, String name) {
        return ctx.aws().cloudWatch().describeAlarms(b -> b.alarmNames(name)).metricAlarms().stream()
                .filter(m -> m.alarmName().equals(name)).findFirst();
    }

    @Override public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        return find(ctx, name).map(m -> new Claim(observed(desired.address(), m), "the CloudWatch alarm " + name + " (on "
                + m.namespace() + " " + m.metricName() + ")", tags(ctx.aws().cloudWatch(), m.alarmArn()), "app"));
    }

    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().cloudWatch().tagResource(b -> b.resourceARN(existing.output("arn")).tags(tagList(ctx.tags(desired.address()))));
            return StepResult.done(existing);
        };
    }

    private static List<Tag> tagList(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static PutMetricAlarmRequest.Builder request(Map<String, Object> props) {
        String metric = Props.str(props, "metric");
        int slash = metric.lastIndexOf('/');
        List<Dimension> dims = new ArrayList<>();
        String lb = Props.str(props, "loadBalancerArn"), tg = Props.str(props, "targetGroupArn");
        // CloudWatch's dimensions are the ARNs' endings: app/NAME/ID and targetgroup/NAME/ID.
        if (lb != null) dims.add(Dimension.builder().name("LoadBalancer").value(lb.substring(lb.indexOf(":loadbalancer/") + 14)).build());
        if (tg != null) dims.add(Dimension.builder().name("TargetGroup").value(tg.substring(tg.lastIndexOf(':') + 1)).build());
        Props.map(props, "dimensions").forEach((k, v) -> dims.add(Dimension.builder().name(k).value(v).build()));
        String statistic = Props.str(props, "statistic");
        int minutes = Props.integer(props, "minutes");
        String topic = Props.str(props, "topicArn");
        PutMetricAlarmRequest.Builder b = PutMetricAlarmRequest.builder().alarmName(Props.str(props, "name"))
                .alarmDescription(Props.str(props, "description")).namespace(metric.substring(0, slash)).metricName(metric.substring(slash + 1))
                .dimensions(dims).period(60).evaluationPeriods(minutes).datapointsToAlarm(minutes)
                .threshold(Double.parseDouble(Props.str(props, "threshold"))).comparisonOperator(Props.str(props, "comparison"))
                .treatMissingData(Props.str(props, "missingData")).actionsEnabled(true)
                .alarmActions(topic).okActions(topic);
        return statistic.startsWith("p") ? b.extendedStatistic(statistic) : b.statistic(statistic);
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        return () -> {
            Optional<MetricAlarm> there = find(ctx, name);
            // PutMetricAlarm overwrites an alarm of the same name: one that appeared after the plan is not ours to change.
            if (there.isPresent() && !ctx.app().equals(tags(ctx.aws().cloudWatch(), there.get().alarmArn()).get(ResourceContext.TAG_APP))) {
                throw new AwsFailure(AwsFailure.Kind.CONFLICT, "the CloudWatch alarm " + name + " was created by someone else while gantry was applying",
                        "run 'gantry plan' to see it, then take it over with 'gantry apply --adopt " + desired.address() + "' or remove it");
            }
            ctx.aws().cloudWatch().putMetricAlarm(request(props).tags(tagList(ctx.tags(desired.address()))).build());
            return StepResult.done(read(ctx, desired.address(), name));
        };
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            ctx.aws().cloudWatch().putMetricAlarm(request(props).build());
            return StepResult.done(read(ctx, desired.address(), current.id()));
        };
    }

    private static Observed read(ResourceContext ctx, Address a, String name) {
        return find(ctx, name).map(m -> observed(a, m))
                .orElseThrow(() -> new IllegalStateException("alarm " + name + " vanished right after it was written"));
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            try {
                ctx.aws().cloudWatch().deleteAlarms(b -> b.alarmNames(current.id()));
            } catch (ResourceNotFoundException e) {
                // already gone
            }
            return StepResult.done(current);
        };
    }
}
