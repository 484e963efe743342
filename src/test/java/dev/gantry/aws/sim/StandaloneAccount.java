package dev.gantry.aws.sim;

import dev.gantry.time.TimeSource;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** An account of its own (a fresh account's id and region), to test one simulated service without a world. */
final class StandaloneAccount implements SimContext {
    private final SimState defaults = new SimState();
    private final AtomicLong ids = new AtomicLong();
    private final TimeSource clock;
    private final SimLatency latency;

    StandaloneAccount(TimeSource clock, SimLatency latency) {
        this.clock = clock;
        this.latency = latency;
    }

    @Override public Instant now() { return clock.now(); }
    @Override public String accountId() { return defaults.accountId; }
    @Override public String region() { return defaults.region; }
    @Override public String newId(String prefix) { return SimContext.id(prefix, ids.incrementAndGet()); }
    @Override public SimLatency latency() { return latency; }
}
