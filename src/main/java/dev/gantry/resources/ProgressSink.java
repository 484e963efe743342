package dev.gantry.resources;

import dev.gantry.diagnose.RolloutSnapshot;

/** How a long-running step (the ECS rollout) reports what it sees while it waits. */
public interface ProgressSink {
    void rollout(RolloutSnapshot snapshot);

    void info(String message);

    /**
     * A create whose reply was lost was sent again because a look-up by its tags did not find it.
     * AWS's reads are eventually consistent, so the first one may exist after all: the engine looks
     * for extras once the run has finished.
     */
    default void sentAgainAfterLostReply(String what) {}

    ProgressSink NONE = new ProgressSink() {
        @Override public void rollout(RolloutSnapshot snapshot) {}
        @Override public void info(String message) {}
    };
}
