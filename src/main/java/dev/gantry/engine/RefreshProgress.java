package dev.gantry.engine;

import java.time.Duration;
import java.util.List;

/**
 * What a refresh is reading, as it goes: told once when it starts (nothing done) and again each
 * time one of its reads finishes, from whichever worker thread finished it. Views show it so a
 * terminal is never blank while AWS answers; the benchmark reads the durations.
 */
@FunctionalInterface
public interface RefreshProgress {
    /**
     * {@code pending}: what is still being read (resource kinds, and the addresses of looked-up data such as {@code hosted-zone.main}), in the
     * order they were started; {@code finished}: the read that just finished and how long it took
     * (null when the refresh starts).
     */
    void reading(int done, int total, List<String> pending, Finished finished);

    record Finished(String what, Duration took) {}

    /** Someone needs the screen (a secret prompt during the refresh): stop showing progress. */
    default void stepAside() {}

    RefreshProgress NONE = (done, total, pending, finished) -> {};
}
