package dev.gantry.diagnose;

import java.util.List;

/** The ECS service's rollout as the rollout pane shows it. */
public record RolloutSnapshot(String service, List<Deployment> deployments, List<String> events,
                              List<StoppedTask> stoppedTasks) {

    /** One ECS deployment: PRIMARY is the new one, ACTIVE the old one draining. */
    public record Deployment(String id, String status, String taskDefinitionRevision, String rolloutState,
                             int desired, int running, int pending, int failed) {}

    public record StoppedTask(String taskId, String stopCode, String stoppedReason, List<String> containerReasons,
                              Integer exitCode) {}

    public RolloutSnapshot {
        deployments = List.copyOf(deployments);
        events = List.copyOf(events);
        stoppedTasks = List.copyOf(stoppedTasks);
    }
}
