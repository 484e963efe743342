package dev.gantry.resources;

import dev.gantry.diagnose.RolloutSnapshot;

/** How a long-running step (the ECS rollout, a build) reports what it sees while it waits. */
public interface ProgressSink {
    void rollout(RolloutSnapshot snapshot);

    void info(String message);

    /**
     * A create whose reply was lost was sent again because a look-up by its tags did not find it.
     * AWS's reads are eventually consistent, so the first one may exist after all: the engine looks
     * for extras once the run has finished.
     */
    default void sentAgainAfterLostReply(String what) {}

    /**
     * Whether the run was asked to stop (Ctrl-C): a wait that may last long and was not asked for
     * (a delete waiting for AWS to release what still uses it) gives up instead.
     */
    default boolean stopping() { return false; }

    /** A build's progress ({@code task.build}): what it builds, each step, its last lines, how it ended. */
    default dev.gantry.image.ImageBuild.Progress build() { return dev.gantry.image.ImageBuild.Progress.NONE; }

    ProgressSink NONE = new ProgressSink() {
        @Override public void rollout(RolloutSnapshot snapshot) {}
        @Override public void info(String message) {}
    };
}
