package dev.gantry.resources.compute;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How long the rollout watch expects each phase to last, which spaces its looks (resources.Poll). */
class RolloutPhaseTypicalTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:03:00Z");
    static final String CHECKS = "the new tasks' first health checks";

    @Test void firstHealthChecksComeOneIntervalAfterAProvisioningLoadBalancerIsLikelyActive() {
        Map<String, Object> props = Map.of(ServiceType.FIRST_HEALTH_CHECKS, 5, ServiceType.LOAD_BALANCER_ACTIVE_BY, NOW.plusSeconds(13).toString());
        assertThat(ServiceType.typical(CHECKS, props, NOW)).isEqualTo(Duration.ofSeconds(18));
    }

    @Test void withAnActiveLoadBalancerTheyComeWithinOneInterval() {
        assertThat(ServiceType.typical(CHECKS, Map.of(ServiceType.FIRST_HEALTH_CHECKS, 5, ServiceType.LOAD_BALANCER_ACTIVE_BY, ""), NOW))
                .isEqualTo(Duration.ofSeconds(5));
        // Past its likely time (a slow load balancer): one interval, then the looks back off.
        assertThat(ServiceType.typical(CHECKS, Map.of(ServiceType.FIRST_HEALTH_CHECKS, 5, ServiceType.LOAD_BALANCER_ACTIVE_BY, NOW.minusSeconds(1).toString()), NOW))
                .isEqualTo(Duration.ofSeconds(5));
        // A spec from before the load balancer said when it is active.
        assertThat(ServiceType.typical(CHECKS, Map.of(ServiceType.FIRST_HEALTH_CHECKS, 5), NOW)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test void startingAndDrainingTakeTheirTypicalTime() {
        assertThat(ServiceType.typical("the new tasks to start", Map.of(), NOW)).isEqualTo(ServiceType.TYPICAL_TASK_START);
        assertThat(ServiceType.typical("the old tasks to drain and stop", Map.of(ServiceType.DRAINING, 15), NOW))
                .isEqualTo(Duration.ofSeconds(15).plus(ServiceType.TYPICAL_STOP));
    }
}
