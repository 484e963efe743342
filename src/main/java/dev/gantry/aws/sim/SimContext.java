package dev.gantry.aws.sim;

import java.time.Instant;

/**
 * What a simulated service's parts need of the account besides the state they keep: the clock,
 * who and where the account is, fresh ids and how long AWS takes. {@link SimWorld} is the one a
 * run uses; a test builds one service's parts with their state and an account of their own.
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
}
