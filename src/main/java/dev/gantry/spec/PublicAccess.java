package dev.gantry.spec;

import java.util.List;

/**
 * How a public service is reached through the app's load balancer: its routes (none: it gets what
 * no other service's route matches, the listener's default) and its target group's health check.
 */
public record PublicAccess(List<Route> routes, String healthCheckPath, int deregistrationDelay,
                           int healthCheckInterval, int healthCheckTimeout, int healthyThreshold) {
    public PublicAccess {
        routes = routes == null ? List.of() : List.copyOf(routes);
        healthCheckPath = healthCheckPath == null ? "/" : healthCheckPath;
    }

    /** Version 1's per-service half of {@code loadBalancer}, with these routes. */
    public static PublicAccess of(LoadBalancer lb, List<Route> routes) {
        return new PublicAccess(routes, lb.healthCheckPath(), lb.deregistrationDelay(), lb.healthCheckInterval(),
                lb.healthCheckTimeout(), lb.healthyThreshold());
    }

    /** The hosts its routes name, in order, each once. */
    public List<String> hosts() {
        return routes.stream().map(Route::host).filter(java.util.Objects::nonNull).map(h -> h.toLowerCase(java.util.Locale.ROOT))
                .distinct().toList();
    }

    /** This health check with the app's shared load balancer settings: the shape version 1's code reads. */
    public LoadBalancer asLoadBalancer(LoadBalancer shared) {
        return new LoadBalancer(healthCheckPath, deregistrationDelay, shared.idleTimeout(), shared.allowedCidrs(),
                healthCheckInterval, healthCheckTimeout, healthyThreshold);
    }
}
