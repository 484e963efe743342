package dev.gantry.engine;

import dev.gantry.diagnose.Diagnosis;
import dev.gantry.diagnose.RolloutSnapshot;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;

import java.time.Duration;

/**
 * What the engine reports while it works. Views (plain lines, JSON lines, lanterna panes) listen;
 * the engine never knows which. {@code at} is the time since the operation started.
 */
public sealed interface ApplyEvent {
    Duration at();

    record Planned(Duration at, Plan plan) implements ApplyEvent {}
    record Started(Duration at, Change change) implements ApplyEvent {}
    record Waiting(Duration at, Change change, String waitingFor) implements ApplyEvent {}
    record Retrying(Duration at, Change change, String reason, int attempt) implements ApplyEvent {}
    record Done(Duration at, Change change, Duration took) implements ApplyEvent {}
    record Failed(Duration at, Change change, String message, String fix) implements ApplyEvent {}
    record Skipped(Duration at, Change change, String because) implements ApplyEvent {}
    record Rollout(Duration at, RolloutSnapshot snapshot) implements ApplyEvent {}
    record RolloutFailed(Duration at, Diagnosis diagnosis) implements ApplyEvent {}
    record Info(Duration at, String message) implements ApplyEvent {}
    /**
     * A build of task.build: {@code phase} START (text: what is built), STEP (the builder's step),
     * LINE (one line of its output), END ({@code ok}, text: what was pushed, or why it failed).
     */
    record Build(Duration at, Phase phase, String text, boolean ok) implements ApplyEvent {
        public enum Phase { START, STEP, LINE, END }
    }
    record Finished(Duration at, ApplyResult result) implements ApplyEvent {}
}
