package dev.gantry.resources.compute;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Ref;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.Props;
import dev.gantry.spec.Alerts;
import dev.gantry.spec.Spec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The alarms {@code alerts} asks for, as desired resources. Every alarm looks at one-minute
 * datapoints and fires when {@link Alerts#EVALUATION_MINUTES} in a row cross its threshold; it
 * tells the topic when it fires and when it is OK again.
 * <ul>
 * <li>5xx: the load balancer's own 5xx answers (HTTPCode_ELB_5XX_Count: 502/503/504, e.g. no healthy
 * target) and the app's (HTTPCode_Target_5XX_Count), each a count a minute: one metric per alarm,
 * no metric math.</li>
 * <li>unhealthy targets: UnHealthyHostCount above 0.</li>
 * <li>p95 latency: TargetResponseTime's p95.</li>
 * <li>running below the desired count: with a load balancer, HealthyHostCount (AWS/ApplicationELB,
 * always published, no Container Insights needed) below the desired count (autoscaling's min);
 * a worker has only ECS/ContainerInsights RunningTaskCount, which exists only with
 * {@code cluster.containerInsights: true} (without it the alarm has no data and stays quiet).</li>
 * <li>CPU and memory: AWS/ECS CPUUtilization / MemoryUtilization (service average), published for
 * every Fargate service.</li>
 * </ul>
 */
public final class Alarms {
    private Alarms() {}

    public static final String FIVE_XX_LB = "5xx-load-balancer", FIVE_XX_APP = "5xx-app", UNHEALTHY = "unhealthy-targets",
            LATENCY = "latency-p95", BELOW_DESIRED = "below-desired", CPU = "cpu-high", MEMORY = "memory-high";

    public static String name(String app, String kind) { return app + "-" + kind; }

    /** Every kind of alarm gantry may make, so refresh can tell the app's alarms from others with its prefix. */
    static final List<String> KINDS = List.of(FIVE_XX_LB, FIVE_XX_APP, UNHEALTHY, LATENCY, BELOW_DESIRED, CPU, MEMORY);

    /** The alarms a rollout can trip: with rollback, ECS fails and rolls back a deployment that trips one. */
    public static List<String> deploymentAlarmKinds(Spec spec) {
        return spec.hasLoadBalancer() ? List.of(FIVE_XX_LB, UNHEALTHY) : List.of(BELOW_DESIRED);
    }

    static List<String> deploymentAlarmNames(Spec spec) {
        return deploymentAlarmKinds(spec).stream().map(k -> name(spec.app(), k)).sorted().toList();
    }

    /** How many alarms {@code spec} makes (for the cost estimate). */
    public static int count(Spec spec) { return Alerts.alarmCount(spec); }

    static void expand(Spec spec, List<Desired> out) {
        Alerts a = spec.alerts();
        String app = spec.app();
        out.add(Desired.managed(Addresses.ALERT_TOPIC, Piece.ALERTS, a.email().isEmpty() ? "SNS topic " + app + "-alerts (nobody subscribed)"
                        : "SNS topic " + app + "-alerts, emailing " + String.join(", ", a.email()),
                Props.props().put("name", TopicType.name(app)).put("emails", new ArrayList<>(new TreeSet<>(a.email())))
                        .put("eventsMayPublish", true).build(), Set.of()));
        out.add(Desired.managed(Addresses.TASK_STOPPED_RULE, Piece.ALERTS, "EventBridge rule " + EventRuleType.name(app)
                        + ": a task that stops with a non-zero exit code is sent to the topic",
                Props.props().put("name", EventRuleType.name(app)).put("clusterArn", Ref.to(Addresses.CLUSTER, "arn"))
                        .put("service", app).put("enabled", true).put("topicArn", Ref.to(Addresses.ALERT_TOPIC, "arn")).build(), Set.of()));
        int floor = spec.service().autoscaling() != null ? spec.service().autoscaling().min() : spec.service().desiredCount();
        String cluster = spec.cluster().name();
        if (spec.hasLoadBalancer()) {
            out.add(elb(app, FIVE_XX_LB, "more than " + a.http5xxPerMinute() + " 5xx answers of the load balancer a minute",
                    "HTTPCode_ELB_5XX_Count", "Sum", false, a.http5xxPerMinute(), "GreaterThanThreshold", "notBreaching"));
            out.add(elb(app, FIVE_XX_APP, "more than " + a.http5xxPerMinute() + " 5xx answers of the app a minute",
                    "HTTPCode_Target_5XX_Count", "Sum", false, a.http5xxPerMinute(), "GreaterThanThreshold", "notBreaching"));
            out.add(elb(app, UNHEALTHY, "a target failing the load balancer's health check", "UnHealthyHostCount", "Maximum", true,
                    0, "GreaterThanThreshold", "notBreaching"));
            out.add(elb(app, LATENCY, "95% of requests slower than " + a.latencyP95Ms() + " ms", "TargetResponseTime", "p95", false,
                    BigDecimal.valueOf(a.latencyP95Ms()).movePointLeft(3), "GreaterThanThreshold", "notBreaching"));
            // No healthy target publishes no datapoint at all: missing is breaching here. So the alarm is
            // made once the service is up: made with the load balancer, a first deploy's provisioning
            // minutes (no datapoints yet) would fire it and email everyone before anything ran.
            Desired below = elb(app, BELOW_DESIRED, "fewer than " + floor + " healthy tasks", "HealthyHostCount", "Minimum", true,
                    floor, "LessThanThreshold", "breaching");
            Set<Address> deps = new TreeSet<>(below.dependsOn());
            deps.add(Addresses.SERVICE);
            out.add(Desired.managed(below.address(), below.piece(), below.description(), below.props(), deps));
        } else {
            out.add(ecs(app, cluster, BELOW_DESIRED, "fewer than " + floor + " running tasks (Container Insights)", "ECS/ContainerInsights",
                    "RunningTaskCount", "Minimum", floor, "LessThanThreshold", "missing"));
        }
        out.add(ecs(app, cluster, CPU, "average CPU above " + a.cpuPercent() + "%", "AWS/ECS", "CPUUtilization", "Average",
                a.cpuPercent(), "GreaterThanThreshold", "notBreaching"));
        out.add(ecs(app, cluster, MEMORY, "average memory above " + a.memoryPercent() + "%", "AWS/ECS", "MemoryUtilization", "Average",
                a.memoryPercent(), "GreaterThanThreshold", "notBreaching"));
    }

    private static Desired elb(String app, String kind, String what, String metric, String statistic, boolean perTargetGroup,
                               Number threshold, String comparison, String missing) {
        Props.Builder p = base(app, kind, what, "AWS/ApplicationELB", metric, statistic, threshold, comparison, missing)
                .put("loadBalancerArn", Ref.to(Addresses.LOAD_BALANCER, "arn"));
        Set<Address> deps = new TreeSet<>(Set.of(Addresses.LOAD_BALANCER));
        if (perTargetGroup) {
            p.put("targetGroupArn", Ref.to(Addresses.TARGET_GROUP, "arn"));
            deps.add(Addresses.TARGET_GROUP);
        }
        return Desired.managed(Addresses.alarm(kind), Piece.ALERTS, "alarm " + name(app, kind) + ": " + what, p.build(), deps);
    }

    private static Desired ecs(String app, String cluster, String kind, String what, String namespace, String metric, String statistic,
                               Number threshold, String comparison, String missing) {
        Props.Builder p = base(app, kind, what, namespace, metric, statistic, threshold, comparison, missing)
                .put("dimensions", new TreeMap<>(java.util.Map.of("ClusterName", cluster, "ServiceName", app)));
        return Desired.managed(Addresses.alarm(kind), Piece.ALERTS, "alarm " + name(app, kind) + ": " + what, p.build(), Set.of());
    }

    private static Props.Builder base(String app, String kind, String what, String namespace, String metric, String statistic,
                                      Number threshold, String comparison, String missing) {
        return Props.props().put("name", name(app, kind)).put("description", "gantry: " + what + " for " + Alerts.EVALUATION_MINUTES + " minutes")
                .put("metric", namespace + "/" + metric).put("statistic", statistic)
                .put("threshold", threshold(threshold.doubleValue())).put("comparison", comparison).put("missingData", missing)
                .put("minutes", Alerts.EVALUATION_MINUTES).put("topicArn", Ref.to(Addresses.ALERT_TOPIC, "arn"));
    }

    /** A threshold as plain digits, the same for what is asked and what CloudWatch answers (a double). */
    static String threshold(double v) { return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString(); }
}
