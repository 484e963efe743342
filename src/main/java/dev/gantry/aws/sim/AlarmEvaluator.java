package dev.gantry.aws.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudWatch's alarm evaluation, computed lazily like ECS's scheduler: before a call looks at
 * alarms or services, every period that has ended is replayed in time order. At each period's end
 * ECS is advanced to that instant, the alarm's metric is derived from the simulated load balancer
 * and ECS, and the alarm moves between OK, ALARM and INSUFFICIENT_DATA as CloudWatch documents
 * ("Evaluating an alarm": M of the last N datapoints breaching; missing data treated as asked).
 * A change of state runs the alarm's actions (SNS topics) and fails an ECS deployment that watches
 * the alarm. The derived metrics model a client sending one request a second to each load balancer:
 * answered 503 by the load balancer when no target of its listeners is healthy (HTTPCode_ELB_5XX_Count),
 * served in 50 ms otherwise (TargetResponseTime); the simulated app uses 10% CPU and 25% memory.
 */
final class AlarmEvaluator {
    static final double SIMULATED_CPU = 10, SIMULATED_MEMORY = 25, SIMULATED_LATENCY = 0.05;

    private final CloudWatchState cloudWatch;
    private final EcsState ecsState;
    private final EcsScheduler ecs;
    private final ElbState elb;
    private final Ec2State ec2;
    private final SnsState sns;
    private final SimContext account;

    /**
     * CloudWatch's alarms, reading the metrics of ELB (with EC2's security groups, for whether
     * targets are reached) and of ECS, advancing ECS through {@code ecs} and publishing to SNS.
     */
    AlarmEvaluator(CloudWatchState cloudWatch, EcsState ecsState, EcsScheduler ecs, ElbState elb, Ec2State ec2, SnsState sns,
                   SimContext account) {
        this.cloudWatch = cloudWatch;
        this.ecsState = ecsState;
        this.ecs = ecs;
        this.elb = elb;
        this.ec2 = ec2;
        this.sns = sns;
        this.account = account;
    }

    /** The world's alarms; {@link SimWorld#evaluateAlarms} keeps the ECS this advances from starting another replay. */
    static AlarmEvaluator of(SimWorld world) {
        SimState s = world.state;
        return new AlarmEvaluator(s.cloudWatch, s.ecs, EcsScheduler.of(world, SimEcsNeighbours.of(world)), s.elb, s.ec2, s.sns, world);
    }

    /** Replays every sample and period due by {@code now}, advancing ECS to each instant first. */
    void catchUp(Instant now) {
        if (cloudWatch.alarms.isEmpty()) return;
        long limit = now.toEpochMilli();
        for (int guard = 0; guard < 10_000_000; guard++) {
            long t = Long.MAX_VALUE;
            for (CloudWatchState.AlarmRec a : cloudWatch.alarms.values()) t = Math.min(t, nextSample(a));
            if (t > limit) return;
            Instant at = Instant.ofEpochMilli(t);
            ecs.advanceAll(at);
            for (CloudWatchState.AlarmRec a : new ArrayList<>(cloudWatch.alarms.values())) {
                if (nextSample(a) != t) continue;
                a.sampledUntil = t;
                a.samples.add(value(a, at));
                if (next(a) == t) evaluate(a, t);
            }
        }
        throw new IllegalStateException("CloudWatch simulation did not settle");
    }

    /** How often a metric is sampled within a period: Maximum and Minimum see what lasted that long. */
    static final long SAMPLE_MILLIS = 10_000;

    private static long next(CloudWatchState.AlarmRec a) { return a.evaluatedUntil + a.period * 1000L; }

    private static long nextSample(CloudWatchState.AlarmRec a) { return Math.max(a.sampledUntil, a.evaluatedUntil) + SAMPLE_MILLIS; }

    /** The period's datapoint from its samples, by the alarm's statistic; null when no sample had data. */
    static Double datapoint(CloudWatchState.AlarmRec a) {
        List<Double> xs = a.samples.stream().filter(x -> x != null).sorted().toList();
        a.samples.clear();
        if (xs.isEmpty()) return null;
        String stat = a.extendedStatistic != null ? "p" : a.statistic;
        return switch (stat) {
            case "Sum" -> xs.stream().mapToDouble(Double::doubleValue).sum();
            case "Maximum" -> xs.get(xs.size() - 1);
            case "Minimum" -> xs.get(0);
            case "SampleCount" -> (double) xs.size();
            case "p" -> xs.get(Math.min(xs.size() - 1, (int) Math.ceil(Double.parseDouble(a.extendedStatistic.substring(1)) / 100 * xs.size()) - 1));
            default -> xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        };
    }

    private void evaluate(CloudWatchState.AlarmRec a, long t) {
        a.evaluatedUntil = t;
        Double v = datapoint(a);
        Boolean breaching = v == null ? switch (a.treatMissingData) {
            case "breaching" -> Boolean.TRUE;
            case "notBreaching" -> Boolean.FALSE;
            default -> null;
        } : Boolean.valueOf(compare(v, a.threshold, a.comparison)); // boxed: a boolean here would unbox the null of "missing"
        a.recent.add(breaching);
        while (a.recent.size() > a.evaluationPeriods) a.recent.remove(0);
        long breaches = a.recent.stream().filter(Boolean.TRUE::equals).count();
        boolean allMissing = a.recent.stream().allMatch(b -> b == null);
        String state;
        if (breaches >= a.datapointsToAlarm) state = "ALARM";
        else if (allMissing) state = "ignore".equals(a.treatMissingData) ? a.state : "INSUFFICIENT_DATA";
        else state = "OK";
        if (state.equals(a.state)) return;
        String old = a.state;
        a.state = state;
        a.stateUpdatedAt = t;
        a.stateReason = switch (state) {
            case "ALARM" -> "Threshold Crossed: " + breaches + " out of the last " + a.recent.size() + " datapoints "
                    + (v == null ? "were missing (treated as breaching)" : "crossed the threshold (" + a.threshold + "), the latest " + v);
            case "OK" -> "Threshold Crossed: no datapoint of the last " + a.recent.size() + " breached the threshold (" + a.threshold + ")";
            default -> "Insufficient Data: " + a.recent.size() + " datapoints were unknown.";
        };
        if (a.actionsEnabled) {
            for (String arn : "ALARM".equals(state) ? a.alarmActions : "OK".equals(state) ? a.okActions : List.<String>of()) {
                SnsState.TopicRec topic = sns.topics.get(arn);
                if (topic != null) {
                    new SnsDelivery(sns).publish(topic, state + ": \"" + a.name + "\" in " + account.region(),
                            "{\"AlarmName\":\"" + a.name + "\",\"OldStateValue\":\"" + old + "\",\"NewStateValue\":\"" + state
                                    + "\",\"NewStateReason\":\"" + a.stateReason.replace("\"", "'") + "\"}", t);
                }
            }
        }
        if ("ALARM".equals(state)) {
            for (EcsState.ServiceRec s : new ArrayList<>(ecsState.services.values())) ecs.alarmTripped(s, a.name, t);
        }
    }

    static boolean compare(double v, double threshold, String op) {
        return switch (op) {
            case "GreaterThanThreshold" -> v > threshold;
            case "GreaterThanOrEqualToThreshold" -> v >= threshold;
            case "LessThanThreshold" -> v < threshold;
            case "LessThanOrEqualToThreshold" -> v <= threshold;
            default -> false;
        };
    }

    /** The metric at {@code t} (for counts of requests: those of the sample's interval), or null when it has no datapoint. */
    Double value(CloudWatchState.AlarmRec a, Instant t) {
        String metric = a.namespace + " " + a.metricName;
        return switch (metric) {
            case "AWS/ApplicationELB HTTPCode_ELB_5XX_Count" -> elb5xx(a, t);
            case "AWS/ApplicationELB UnHealthyHostCount" -> targets(a, t, "unhealthy");
            case "AWS/ApplicationELB HealthyHostCount" -> targets(a, t, "healthy");
            case "AWS/ApplicationELB TargetResponseTime" -> {
                Double healthy = targets(a, t, "healthy");
                yield healthy == null || healthy == 0 ? null : SIMULATED_LATENCY;
            }
            case "AWS/ECS CPUUtilization" -> running(a) == 0 ? null : SIMULATED_CPU;
            case "AWS/ECS MemoryUtilization" -> running(a) == 0 ? null : SIMULATED_MEMORY;
            case "ECS/ContainerInsights RunningTaskCount" -> {
                EcsState.ClusterRec c = ecsState.clusters.get(a.dimensions.get("ClusterName"));
                yield c == null || !"enabled".equals(c.containerInsights) ? null : (double) running(a);
            }
            default -> null;
        };
    }

    private ElbState.LoadBalancerRec loadBalancer(CloudWatchState.AlarmRec a) {
        String dim = a.dimensions.get("LoadBalancer");
        if (dim == null) return null;
        for (ElbState.LoadBalancerRec lb : elb.loadBalancers.values()) if (lb.arn.endsWith(":loadbalancer/" + dim)) return lb;
        return null;
    }

    private Double elb5xx(CloudWatchState.AlarmRec a, Instant t) {
        ElbState.LoadBalancerRec lb = loadBalancer(a);
        if (lb == null || !ElbState.active(lb, t)) return null;
        boolean listening = false;
        for (ElbState.ListenerRec l : elb.listeners.values()) {
            if (!l.loadBalancerArn.equals(lb.arn)) continue;
            for (ElbState.ActionRec act : l.defaultActions) {
                if (!"forward".equals(act.type) || act.targetGroupArn == null) continue;
                listening = true;
                if (healthyIn(act.targetGroupArn, t) > 0) return 0.0;
            }
        }
        return listening ? (double) (SAMPLE_MILLIS / 1000) : null;
    }

    private int healthyIn(String tgArn, Instant t) {
        ElbState.TargetGroupRec tg = elb.targetGroups.get(tgArn);
        if (tg == null) return 0;
        var reachable = SimTargetReach.of(elb, ec2, tg.arn, t);
        int n = 0;
        for (ElbState.TargetRec r : tg.targets.values()) if ("healthy".equals(elb.targetHealth(tg.arn, r.ip, t, reachable))) n++;
        return n;
    }

    private Double targets(CloudWatchState.AlarmRec a, Instant t, String health) {
        ElbState.LoadBalancerRec lb = loadBalancer(a);
        String dim = a.dimensions.get("TargetGroup");
        if (lb == null || dim == null || !ElbState.active(lb, t)) return null;
        for (ElbState.TargetGroupRec tg : elb.targetGroups.values()) {
            if (!tg.arn.endsWith(":" + dim)) continue;
            var reachable = SimTargetReach.of(elb, ec2, tg.arn, t);
            int n = 0;
            for (ElbState.TargetRec r : tg.targets.values()) if (health.equals(elb.targetHealth(tg.arn, r.ip, t, reachable))) n++;
            return (double) n;
        }
        return null;
    }

    private int running(CloudWatchState.AlarmRec a) {
        String cluster = a.dimensions.get("ClusterName"), service = a.dimensions.get("ServiceName");
        int n = 0;
        for (EcsState.TaskRec task : ecsState.tasks.values()) {
            if (service != null && service.equals(task.service) && cluster != null && cluster.equals(task.cluster)
                    && "RUNNING".equals(task.lastStatus)) n++;
        }
        return n;
    }
}
