package dev.gantry.ui;

import dev.gantry.plan.Change;

import java.time.Duration;
import java.util.Map;

/**
 * How long AWS usually takes per resource type, for the "time left" estimate only. The slow ones
 * dominate every deploy (a NAT gateway becoming available, a load balancer provisioning, a
 * certificate validating, a service rollout); everything else is one quick API call.
 */
public final class TypicalDurations {
    private static final Duration OTHER = Duration.ofSeconds(2);
    private static final Map<String, Duration> BY_TYPE = Map.of(
            "nat-gateway", Duration.ofSeconds(95),
            "load-balancer", Duration.ofSeconds(185),
            "certificate", Duration.ofSeconds(120),
            "service", Duration.ofSeconds(90),
            // A build and push: minutes for a first build, seconds with a warm cache; a middle guess.
            "image", Duration.ofSeconds(60));

    private TypicalDurations() {}

    public static Duration of(Change change) {
        return BY_TYPE.getOrDefault(change.address().type(), OTHER);
    }
}
