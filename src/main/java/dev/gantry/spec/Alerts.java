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

    /** How many alarms the spec's alerts make (each billed per alarm-month): seven for a web service, three for a worker. */
    public static int alarmCount(Spec spec) {
        if (!spec.hasAlerts()) return 0;
        return alarmCount(spec.hasLoadBalancer());
    }

    /** Seven alarms with a load balancer (its 5xx, unhealthy targets, p95 latency), three without. */
    public static int alarmCount(boolean hasLoadBalancer) { return hasLoadBalancer ? 7 : 3; }

    public static Alerts defaults(List<String> email) {
        return new Alerts(email, DEFAULT_5XX_PER_MINUTE, DEFAULT_LATENCY_P95_MS, DEFAULT_CPU_PERCENT, DEFAULT_MEMORY_PERCENT, true);
    }
}
