package dev.gantry.time;

import java.time.Instant;

/** The one clock everything reads, so tests and the benchmark can run on virtual time. */
@FunctionalInterface
public interface TimeSource {
    Instant now();
}
