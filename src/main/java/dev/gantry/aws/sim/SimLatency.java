package dev.gantry.aws.sim;

import java.time.Duration;

/**
 * How long the simulated AWS takes to make things ready, with AWS's realistic relative durations.
 * {@link #instant()} is for tests that only care about end states. {@code apiCall} is one API
 * round trip: it costs nothing on virtual time and is spent in real time only where a world is
 * told so ({@link SimWorld#callsTake}), to measure how refresh reads overlap on a thread pool.
 */
public record SimLatency(Duration natGateway, Duration loadBalancer, Duration certificateValidation,
                         Duration taskStart, Duration targetHealthy, Duration natDelete, Duration loadBalancerDelete,
                         Duration taskStop, Duration apiCall) {

    /**
     * NAT ≈ 95 s, ALB ≈ 185 s, ACM validation ≈ 120 s, service steady ≈ 90 s (start 45 + healthy
     * 45); an API call ≈ 80 ms (a regional endpoint over the internet, TLS connection reused).
     */
    public static SimLatency realistic() {
        return new SimLatency(Duration.ofSeconds(95), Duration.ofSeconds(185), Duration.ofSeconds(120),
                Duration.ofSeconds(45), Duration.ofSeconds(45), Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofMillis(80));
    }

    public static SimLatency instant() {
        Duration z = Duration.ZERO;
        return new SimLatency(z, z, z, z, z, z, z, z, z);
    }

    /** Service steady state: tasks start, then pass the target group's health checks. */
    public Duration serviceSteady() { return taskStart.plus(targetHealthy); }
}
