package dev.gantry.time;

import java.time.Duration;

/**
 * The one way a thread may block for a while outside a {@link Scheduler}: a real AWS call's retry
 * pause on gantry's worker pool (the SDK's own clients pause the same way between attempts), and the
 * simulated AWS's network round trip when the refresh benchmark asks for one.
 */
public final class Blocking {
    private Blocking() {}

    /** Blocks the calling thread for {@code d}; an interrupt ends the pause and is kept on the thread. */
    public static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    /** Blocks for {@code d} (a simulated network round trip); an interrupt ends it early and stays set. */
    public static void spend(Duration d) {
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
