package dev.gantry.aws.sim;

import dev.gantry.time.TimeSource;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a simulated service's parts need of the account besides the state they keep: the clock,
 * who and where the account is, fresh ids and how long AWS takes. {@link SimWorld} is the one a
 * run uses; {@link #standalone} lets a test build one service with its state and a clock alone.
 */
public interface SimContext {
    Instant now();

    String accountId();

    String region();

    /** A fresh, deterministic id such as {@code vpc-0a1b2c3d4e5f60718}. */
    String newId(String prefix);

    SimLatency latency();

    /** The id {@link #newId} gives for the account's {@code n}th one. */
    static String id(String prefix, long n) {
        return prefix + "-" + String.format("%017x", n * 0x9E3779B97F4A7C15L >>> 4).substring(0, 17);
    }

    /** An account of its own (the default id and region), for a service tested without a world. */
    static SimContext standalone(TimeSource clock, SimLatency latency) {
        AtomicLong ids = new AtomicLong();
        SimState defaults = new SimState();
        return new SimContext() {
            @Override public Instant now() { return clock.now(); }
            @Override public String accountId() { return defaults.accountId; }
            @Override public String region() { return defaults.region; }
            @Override public String newId(String prefix) { return id(prefix, ids.incrementAndGet()); }
            @Override public SimLatency latency() { return latency; }
        };
    }
}
