package dev.gantry.spec;

import java.util.List;

/**
 * The Application Load Balancer in front of the service. The health check's defaults are fast
 * (a new task serves after its first passing check, within 5 s; one that failed is back after 2 in
 * a row) and the deregistration delay short (requests of a web app finish within seconds);
 * docs/spec.md says what each trades.
 */
public record LoadBalancer(String healthCheckPath, int deregistrationDelay, int idleTimeout, List<String> allowedCidrs,
                           int healthCheckInterval, int healthCheckTimeout, int healthyThreshold) {
    public static final int DEFAULT_DEREGISTRATION_DELAY = 15;
    public static final int DEFAULT_HEALTH_CHECK_INTERVAL = 5;
    public static final int DEFAULT_HEALTH_CHECK_TIMEOUT = 4;
    public static final int DEFAULT_HEALTHY_THRESHOLD = 2;

    public LoadBalancer {
        healthCheckPath = healthCheckPath == null ? "/" : healthCheckPath;
        allowedCidrs = allowedCidrs == null || allowedCidrs.isEmpty() ? List.of("0.0.0.0/0") : List.copyOf(allowedCidrs);
    }

    /** With the default health check. */
    public LoadBalancer(String healthCheckPath, int deregistrationDelay, int idleTimeout, List<String> allowedCidrs) {
        this(healthCheckPath, deregistrationDelay, idleTimeout, allowedCidrs,
                DEFAULT_HEALTH_CHECK_INTERVAL, DEFAULT_HEALTH_CHECK_TIMEOUT, DEFAULT_HEALTHY_THRESHOLD);
    }

    public static LoadBalancer defaults() { return new LoadBalancer("/", DEFAULT_DEREGISTRATION_DELAY, 60, List.of("0.0.0.0/0")); }

    /** How long a new target takes at most to pass its first health check once checks run: one interval. */
    public int firstHealthChecksSeconds() { return healthCheckInterval; }
}
