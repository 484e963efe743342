package dev.gantry.resources.compute;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Ref;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.Props;
import dev.gantry.spec.Alerts;
import dev.gantry.spec.AppService;
import dev.gantry.spec.DerivedNames;
import dev.gantry.spec.Spec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The alarms {@code alerts} asks for, as desired resources: the load balancer's once per app, the
 * others once per service (named after it: APP-NAME-KIND, or APP-KIND for the service named like
 * the app, which keeps version 1's names). Every alarm looks at one-minute
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

    /** Each service's own alarms (APP-NAME-KIND; APP-KIND for the service named like the app). */
    public static final List<String> SERVICE_KINDS = List.of(UNHEALTHY, BELOW_DESIRED, CPU, MEMORY);

    /** The kinds of {@link #SERVICE_KINDS} one service gets: a worker or an internal one has no targets. */
    static List<String> serviceKinds(AppService a) { return a.isPublic() ? SERVICE_KINDS : List.of(BELOW_DESIRED, CPU, MEMORY); }

    private static final java.util.regex.Pattern SERVICE_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9-]*");

    /**
     * Whether {@code name} is one gantry gives an alarm of {@code app}: APP-KIND, or APP-NAME-KIND
     * for a service's kind. An app named APP-NAME has such names too: its alarms are told apart by
     * their tags, as everything else.
     */
    static boolean mayBeTheApps(String app, String name) {
        if (!name.startsWith(app + "-")) return false;
        String rest = name.substring(app.length() + 1);
        if (KINDS.contains(rest)) return true;
        for (String kind : SERVICE_KINDS) {
            if (rest.endsWith("-" + kind) && SERVICE_NAME.matcher(rest.substring(0, rest.length() - kind.length() - 1)).matches()) return true;
        }
        return false;
    }

    /**
     * The service an alarm's address belongs to ({@code Addresses.ServiceAddresses#alarm}): its
     * name (the app's for version 1's {@code alarm.KIND}), or null for the load balancer's.
     */
    public static String serviceOf(String app, Address a) {
        for (String kind : SERVICE_KINDS) {
            if (a.name().equals(kind)) return app;
            if (a.name().endsWith("-" + kind)) return a.name().substring(0, a.name().length() - kind.length() - 1);
        }
        return null;
    }

    /** A service's alarm's name: what its other AWS names start with ({@link DerivedNames#serviceBase}), then the kind. */
    static String name(String app, AppService a, String kind) { return name(DerivedNames.serviceBase(app, a.name()), kind); }

    /**
     * The alarms a service's rollout watches: with rollback, ECS fails and rolls back a deployment
     * that trips one. A public service's own unhealthy targets (the primary one's also the load
     * balancer's 5xx, as a version-1 service's always did: where no route matches, its targets
     * answer); a worker's or an internal service's running count.
     */
    static List<Watched> deploymentAlarms(Spec spec, AppService a) {
        String app = spec.app();
        Addresses.ServiceAddresses at = Addresses.ServiceAddresses.of(app, a.name());
        if (!a.isPublic()) return List.of(new Watched(at.alarm(BELOW_DESIRED), name(app, a, BELOW_DESIRED)));
        Watched own = new Watched(at.alarm(UNHEALTHY), name(app, a, UNHEALTHY));
        return spec.primaryService().name().equals(a.name()) ? List.of(new Watched(Addresses.alarm(FIVE_XX_LB), name(app, FIVE_XX_LB)), own) : List.of(own);
    }

    /** One alarm a rollout watches: its address (the service waits for it) and its name (what ECS is told). */
    record Watched(Address address, String name) {}

    /**
     * Every alarm name the guard's role names: each kind of the app's own (APP-KIND, as always, so
     * a version-1 guard's policy stays as it is), and each other service's by its exact name.
     */
    static List<String> guardNames(Spec spec) {
        String app = spec.app();
        List<String> out = new ArrayList<>();
        for (String kind : KINDS) out.add(name(app, kind));
        for (AppService a : spec.services().values()) {
            if (a.keepsVersion1Names(app)) continue;
            for (String kind : serviceKinds(a)) out.add(name(app, a, kind));
        }
        return out;
    }

    /** How many alarms {@code spec} makes (for the cost estimate). */
    public static int count(Spec spec) { return Alerts.alarmCount(spec); }

    /**
     * The app's own: the topic, the task-stopped rule over every service, and the load balancer's
     * alarms (5xx of its own and of the services, p95 latency), one set over every public service:
     * ELB publishes its own 5xx per load balancer only, and one set keeps a version-1 stack's alarms
     * as they are.
     */
    static void expandApp(Spec spec, List<Desired> out) {
        Alerts a = spec.alerts();
        String app = spec.app();
        out.add(Desired.managed(Addresses.ALERT_TOPIC, Piece.ALERTS, a.email().isEmpty() ? "SNS topic " + app + "-alerts (nobody subscribed)"
                        : "SNS topic " + app + "-alerts, emailing " + String.join(", ", a.email()),
                Props.props().put("name", TopicType.name(app)).put("emails", new ArrayList<>(new TreeSet<>(a.email())))
                        .put("eventsMayPublish", true).build(), Set.of()));
        List<String> ecsNames = spec.services().keySet().stream().map(n -> DerivedNames.serviceBase(app, n)).sorted().toList();
        out.add(Desired.managed(Addresses.TASK_STOPPED_RULE, Piece.ALERTS, "EventBridge rule " + EventRuleType.name(app)
                        + ": a task " + (ecsNames.size() > 1 ? "of " + String.join(", ", spec.services().keySet()) + " " : "")
                        + "that stops with a non-zero exit code is sent to the topic",
                Props.props().put("name", EventRuleType.name(app)).put("clusterArn", Ref.to(Addresses.CLUSTER, "arn"))
                        .put("services", ecsNames).put("enabled", true).put("topicArn", Ref.to(Addresses.ALERT_TOPIC, "arn")).build(), Set.of()));
        if (!spec.hasLoadBalancer()) return;
        out.add(elb(Addresses.alarm(FIVE_XX_LB), app, FIVE_XX_LB, "more than " + a.http5xxPerMinute() + " 5xx answers of the load balancer a minute",
                "HTTPCode_ELB_5XX_Count", "Sum", null, a.http5xxPerMinute(), "GreaterThanThreshold", "notBreaching"));
        out.add(elb(Addresses.alarm(FIVE_XX_APP), app, FIVE_XX_APP, "more than " + a.http5xxPerMinute() + " 5xx answers of the app a minute",
                "HTTPCode_Target_5XX_Count", "Sum", null, a.http5xxPerMinute(), "GreaterThanThreshold", "notBreaching"));
        out.add(elb(Addresses.alarm(LATENCY), app, LATENCY, "95% of requests slower than " + a.latencyP95Ms() + " ms", "TargetResponseTime", "p95", null,
                BigDecimal.valueOf(a.latencyP95Ms()).movePointLeft(3), "GreaterThanThreshold", "notBreaching"));
    }

    /**
     * One service's own alarms. The service named like the app keeps version 1's names, addresses
     * and words; another's name and description say which service it is.
     */
    static void expandService(Spec spec, AppService svc, List<Desired> out) {
        Alerts a = spec.alerts();
        String app = spec.app();
        Addresses.ServiceAddresses at = Addresses.ServiceAddresses.of(app, svc.name());
        String base = DerivedNames.serviceBase(app, svc.name());
        String of = svc.keepsVersion1Names(app) ? "" : " of " + svc.name();
        int floor = svc.service().autoscaling() != null ? svc.service().autoscaling().min() : svc.service().desiredCount();
        String cluster = spec.cluster().name();
        if (svc.isPublic()) {
            out.add(elb(at.alarm(UNHEALTHY), base, UNHEALTHY, "a target" + of + " failing the load balancer's health check", "UnHealthyHostCount",
                    "Maximum", at.targetGroup(), 0, "GreaterThanThreshold", "notBreaching"));
            // No healthy target publishes no datapoint at all: missing is breaching here. So the alarm is
            // made once the service is up: made with the load balancer, a first deploy's provisioning
            // minutes (no datapoints yet) would fire it and email everyone before anything ran.
            Desired below = elb(at.alarm(BELOW_DESIRED), base, BELOW_DESIRED, "fewer than " + floor + " healthy tasks" + of, "HealthyHostCount",
                    "Minimum", at.targetGroup(), floor, "LessThanThreshold", "breaching");
            Set<Address> deps = new TreeSet<>(below.dependsOn());
            deps.add(at.ecsService());
            out.add(Desired.managed(below.address(), below.piece(), below.description(), below.props(), deps));
        } else {
            out.add(ecs(at.alarm(BELOW_DESIRED), base, cluster, BELOW_DESIRED, "fewer than " + floor + " running tasks" + of + " (Container Insights)",
                    "ECS/ContainerInsights", "RunningTaskCount", "Minimum", floor, "LessThanThreshold", "missing"));
        }
        out.add(ecs(at.alarm(CPU), base, cluster, CPU, "average CPU" + of + " above " + a.cpuPercent() + "%", "AWS/ECS", "CPUUtilization", "Average",
                a.cpuPercent(), "GreaterThanThreshold", "notBreaching"));
        out.add(ecs(at.alarm(MEMORY), base, cluster, MEMORY, "average memory" + of + " above " + a.memoryPercent() + "%", "AWS/ECS", "MemoryUtilization",
                "Average", a.memoryPercent(), "GreaterThanThreshold", "notBreaching"));
    }

    /** {@code targetGroup}: the service's, for a metric ELB publishes per target group; null for the load balancer's own. */
    private static Desired elb(Address address, String prefix, String kind, String what, String metric, String statistic, Address targetGroup,
                               Number threshold, String comparison, String missing) {
        Props.Builder p = base(prefix, kind, what, "AWS/ApplicationELB", metric, statistic, threshold, comparison, missing)
                .put("loadBalancerArn", Ref.to(Addresses.LOAD_BALANCER, "arn"));
        Set<Address> deps = new TreeSet<>(Set.of(Addresses.LOAD_BALANCER));
        if (targetGroup != null) {
            p.put("targetGroupArn", Ref.to(targetGroup, "arn"));
            deps.add(targetGroup);
        }
        return Desired.managed(address, Piece.ALERTS, "alarm " + name(prefix, kind) + ": " + what, p.build(), deps);
    }

    /** {@code service}: the ECS service's name, also what the alarm's name starts with. */
    private static Desired ecs(Address address, String service, String cluster, String kind, String what, String namespace, String metric,
                               String statistic, Number threshold, String comparison, String missing) {
        Props.Builder p = base(service, kind, what, namespace, metric, statistic, threshold, comparison, missing)
                .put("dimensions", new TreeMap<>(java.util.Map.of("ClusterName", cluster, "ServiceName", service)));
        return Desired.managed(address, Piece.ALERTS, "alarm " + name(service, kind) + ": " + what, p.build(), Set.of());
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
