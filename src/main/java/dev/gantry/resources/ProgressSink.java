package dev.gantry.resources;

import dev.gantry.diagnose.RolloutSnapshot;

/** How a long-running step (the ECS rollout) reports what it sees while it waits. */
public interface ProgressSink {
    void rollout(RolloutSnapshot snapshot);

    void info(String message);

    ProgressSink NONE = new ProgressSink() {
        @Override public void rollout(RolloutSnapshot snapshot) {}
        @Override public void info(String message) {}
    };
}
