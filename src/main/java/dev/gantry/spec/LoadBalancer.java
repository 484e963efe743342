package dev.gantry.spec;

import java.util.List;

/** The Application Load Balancer in front of the service. */
public record LoadBalancer(String healthCheckPath, int deregistrationDelay, int idleTimeout, List<String> allowedCidrs) {
    public LoadBalancer {
        healthCheckPath = healthCheckPath == null ? "/" : healthCheckPath;
        allowedCidrs = allowedCidrs == null || allowedCidrs.isEmpty() ? List.of("0.0.0.0/0") : List.copyOf(allowedCidrs);
    }
    public static LoadBalancer defaults() { return new LoadBalancer("/", 30, 60, List.of("0.0.0.0/0")); }
}
