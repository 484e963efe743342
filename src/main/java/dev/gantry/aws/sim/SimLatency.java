package dev.gantry.aws.sim;

import java.time.Duration;

/**
 * How long the simulated AWS takes to make things ready, with AWS's realistic relative durations.
 * {@link #instant()} is for tests that only care about end states. {@code apiCall} is one API
 * round trip: it costs nothing on virtual time and is spent in real time only where a world is
 * told so ({@link SimWorld#callsTake}), to measure how refresh reads overlap on a thread pool.
 */
public record SimLatency(Duration natGateway, Duration loadBalancer, Duration certificateValidation,
                         Duration taskStart, Duration natDelete, Duration loadBalancerDelete,
                         Duration taskStop, Duration apiCall, boolean settingsTakeTime) {

    /**
     * NAT ≈ 95 s, ALB ≈ 185 s, ACM validation ≈ 120 s after its CNAME exists, a Fargate task
     * ≈ 45 s from launch to RUNNING, ≈ 10 s from its containers' exit to STOPPED; an API call
     * ≈ 80 ms (a regional endpoint over the internet, TLS connection reused). Health checks,
     * draining and stop timeouts follow the resources' own settings. Sources: docs/timings.md.
     */
    /** An application that handles SIGTERM (nginx, most servers) exits about a second after it. */
    public static final Duration EXITS_ON_SIGTERM = Duration.ofSeconds(1);

    public static SimLatency realistic() {
        return new SimLatency(Duration.ofSeconds(95), Duration.ofSeconds(185), Duration.ofSeconds(120),
                Duration.ofSeconds(45), Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofMillis(80), true);
    }

    public static SimLatency instant() {
        Duration z = Duration.ZERO;
        return new SimLatency(z, z, z, z, z, z, z, z, false);
    }

    /**
     * Whether the waits AWS derives from settings take their time: health checks (interval ×
     * threshold), the deregistration delay, a container's stopTimeout. Realistic worlds: yes;
     * {@link #instant()}: no, so tests that only care about end states stay free of them.
     */
    public Duration settings(Duration d) { return settingsTakeTime ? d : Duration.ZERO; }
}
