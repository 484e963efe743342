package dev.gantry.engine;

import dev.gantry.time.TimeSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Follows the reads of one refresh and tells {@link RefreshProgress} as each finishes. */
final class RefreshTracker {
    private final RefreshProgress progress;
    private final TimeSource clock;
    private final Map<String, Instant> pending = new LinkedHashMap<>();
    private int total;
    private int done;
    private boolean announced;

    RefreshTracker(RefreshProgress progress, TimeSource clock) {
        this.progress = progress;
        this.clock = clock;
    }

    /** Follows {@code read} under the name {@code what}; returns it unchanged. */
    synchronized <T> CompletableFuture<T> track(String what, CompletableFuture<T> read) {
        String key = what;
        for (int n = 2; pending.containsKey(key); n++) key = what + " (" + n + ")";
        pending.put(key, clock.now());
        total++;
        String k = key;
        read.whenComplete((v, e) -> finished(k));
        return read;
    }

    /**
     * Every read is tracked: say what is being read. On a thread pool a quick read may already
     * have finished; it is counted, and only reads finishing from now on are told one by one.
     */
    synchronized void started() {
        announced = true;
        progress.reading(done, total, new ArrayList<>(pending.keySet()), null);
    }

    private synchronized void finished(String key) {
        Instant since = pending.remove(key);
        if (since == null) return;
        done++;
        if (announced) progress.reading(done, total, new ArrayList<>(pending.keySet()),
                new RefreshProgress.Finished(key, Duration.between(since, clock.now())));
    }
}
