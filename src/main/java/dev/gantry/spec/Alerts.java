package dev.gantry.spec;

import java.util.List;

/**
 * CloudWatch alarms on the service, told by email through an SNS topic. Each threshold has a
 * default; {@link #rollback} makes the alarms that a bad rollout trips (5xx, unhealthy targets,
 * running below the desired count) ECS deployment alarms that roll the rollout back.
 */
public record Alerts(List<String> email, int http5xxPerMinute, int latencyP95Ms, int cpuPercent, int memoryPercent, boolean rollback) {
    public static final int DEFAULT_5XX_PER_MINUTE = 10;
    public static final int DEFAULT_LATENCY_P95_MS = 2000;
    public static final int DEFAULT_CPU_PERCENT = 80;
    public static final int DEFAULT_MEMORY_PERCENT = 80;
    /** Minutes a threshold must be crossed before the alarm fires: one bad minute is noise. */
    public static final int EVALUATION_MINUTES = 3;

    public Alerts {
        email = email == null ? List.of() : List.copyOf(email);
    }

    /**
     * How many alarms the spec's alerts make (each billed per alarm-month): the load balancer's three
     * (5xx of its own, 5xx of the services, p95 latency) once per app, then per service four for a
     * public one (unhealthy targets, running below the desired count, CPU, memory) and three for an
     * internal one or a worker. Seven for a version-1 web service, three for a worker.
     */
    public static int alarmCount(Spec spec) {
        if (!spec.hasAlerts()) return 0;
        int publics = spec.publicServices().size();
        return alarmCount(publics, spec.services().size() - publics);
    }

    /** Seven alarms with a load balancer (its 5xx, unhealthy targets, p95 latency), three without: one service. */
    public static int alarmCount(boolean hasLoadBalancer) { return hasLoadBalancer ? alarmCount(1, 0) : alarmCount(0, 1); }

    /** {@code publicServices} behind the load balancer and {@code otherServices} (internal ones and workers). */
    public static int alarmCount(int publicServices, int otherServices) {
        return (publicServices > 0 ? 3 : 0) + 4 * publicServices + 3 * otherServices;
    }

    /** EventBridge's default quota on an event pattern's size, in characters (Amazon EventBridge quotas: "Event pattern size"). */
    public static final int EVENT_PATTERN_MAX = 2048;

    /**
     * The task-stopped rule's event pattern: ECS's "ECS Task State Change" of a task of one of
     * {@code groups} (each "service:NAME", as ECS sets a service's tasks' group) in the cluster,
     * stopped with a container that exited with anything but 0. Here (in the spec) so the offline
     * check of its size and the rule itself use the same text.
     */
    public static String taskStoppedPattern(String clusterArn, List<String> services) {
        StringBuilder groups = new StringBuilder();
        for (String s : services) groups.append(groups.isEmpty() ? "" : ",").append("\"service:").append(s).append('"');
        return "{\"source\":[\"aws.ecs\"],\"detail-type\":[\"ECS Task State Change\"],\"detail\":{\"clusterArn\":[\"" + clusterArn
                + "\"],\"group\":[" + groups + "],\"lastStatus\":[\"STOPPED\"],\"containers\":{\"exitCode\":[{\"anything-but\":0}]}}}";
    }

    public static Alerts defaults(List<String> email) {
        return new Alerts(email, DEFAULT_5XX_PER_MINUTE, DEFAULT_LATENCY_P95_MS, DEFAULT_CPU_PERCENT, DEFAULT_MEMORY_PERCENT, true);
    }
}
