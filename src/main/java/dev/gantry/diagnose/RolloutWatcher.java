package dev.gantry.diagnose;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an ECS service's rollout: its deployments, newest events and the tasks of one deployment
 * that have stopped, as a {@link RolloutSnapshot}; and decides whether that deployment is done,
 * or has failed (its first stopped task that failed, rather than one ECS stopped on purpose).
 */
public final class RolloutWatcher {
    private static final int EVENTS = 10;
    private static final int STOPPED = 5;

    private final EcsClient ecs;
    private final String cluster;
    private final String service;

    public RolloutWatcher(EcsClient ecs, String cluster, String service) {
        this.ecs = ecs;
        this.cluster = cluster;
        this.service = service;
    }

    /** The service as ECS has it now, or empty when it does not exist (yet, or any more). */
    public Optional<Service> describe() {
        return ecs.describeServices(b -> b.cluster(cluster).services(service)).services().stream().findFirst();
    }

    /** A snapshot focused on {@code deploymentId} (the new deployment): its stopped tasks, newest first. */
    public RolloutSnapshot snapshot(String deploymentId) {
        Service s = describe().orElseThrow(() -> new IllegalStateException("service " + service + " not found in cluster " + cluster));
        return snapshot(s, deploymentId, null);
    }

    /**
     * {@code since}: only tasks that stopped at or after it count (a deployment gantry did not
     * start, say an unchanged one that only scales, may have failures from long ago); null for all.
     */
    public RolloutSnapshot snapshot(Service s, String deploymentId, Instant since) {
        List<RolloutSnapshot.Deployment> deployments = s.deployments().stream().map(RolloutWatcher::deployment).toList();
        List<String> events = s.events().stream().limit(EVENTS).map(e -> dev.gantry.text.Untrusted.text(e.message())).toList();
        return new RolloutSnapshot(s.serviceName(), deployments, events, stoppedTasks(deploymentId, since));
    }

    /** What the last watched look saw of the service, to tell whether a task may have stopped since. */
    private String seenSign;
    private java.util.Map<String, Integer> seenRunning = java.util.Map.of();
    private List<RolloutSnapshot.StoppedTask> seenStopped;

    /**
     * As {@link #snapshot(Service, String, Instant)}, for one watch that looks again and again:
     * ListTasks (and DescribeTasks) run only when the service shows that a task may have stopped
     * since the last look; otherwise the stopped tasks read then stand. ECS posts a service event
     * for every task it starts or stops ("has started N tasks", "has stopped N running tasks",
     * "is unhealthy in target-group", "deployment failed"; ECS developer guide, "Amazon ECS service
     * event messages"), a task that fails before the deployment ran one counts in the
     * deployment's failedTasks, and one that stopped after running lowers its runningCount (ECS
     * API reference, Deployment). So a new newest event, a change of any deployment's failedTasks
     * or rolloutState, or a running count that fell is read as "look at the stopped tasks"; none
     * of them means none stopped, and a rollout that never finishes still ends in FAILED (circuit
     * breaker, a state change that reads them) or gantry's time-out (read then too).
     */
    public RolloutSnapshot watchSnapshot(Service s, String deploymentId, Instant since) {
        String newest = s.events().isEmpty() ? "" : s.events().get(0).id();
        StringBuilder sign = new StringBuilder(newest == null ? "" : newest);
        java.util.Map<String, Integer> running = new java.util.HashMap<>();
        boolean fell = false;
        for (Deployment d : s.deployments()) {
            sign.append('|').append(d.id()).append(':').append(n(d.failedTasks())).append(':').append(d.rolloutStateAsString());
            running.put(d.id(), n(d.runningCount()));
            Integer before = seenRunning.get(d.id());
            if (before != null && n(d.runningCount()) < before) fell = true;
        }
        if (seenStopped == null || fell || !sign.toString().equals(seenSign)) seenStopped = stoppedTasks(deploymentId, since);
        seenSign = sign.toString();
        seenRunning = running;
        List<RolloutSnapshot.Deployment> deployments = s.deployments().stream().map(RolloutWatcher::deployment).toList();
        List<String> events = s.events().stream().limit(EVENTS).map(e -> dev.gantry.text.Untrusted.text(e.message())).toList();
        return new RolloutSnapshot(s.serviceName(), deployments, events, seenStopped);
    }

    /** Forget what the watch saw: the next {@link #watchSnapshot} reads the stopped tasks. */
    public void lookAgain() { seenStopped = null; }

    /**
     * The deployment that runs {@code taskDefinitionArn} (the revision gantry just registered), the
     * PRIMARY one first. When no deployment names it but the service says it runs it (an emulator
     * that updates the service without starting a deployment), the PRIMARY deployment stands for it.
     * Empty when the service runs something else.
     */
    public static Optional<Deployment> deploymentOf(Service s, String taskDefinitionArn) {
        Optional<Deployment> exact = s.deployments().stream().filter(d -> taskDefinitionArn.equals(d.taskDefinition()))
                .min(java.util.Comparator.comparing(d -> !"PRIMARY".equals(d.status())));
        if (exact.isPresent() || !taskDefinitionArn.equals(s.taskDefinition())) return exact;
        return s.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst()
                .map(d -> d.toBuilder().taskDefinition(taskDefinitionArn).build());
    }

    /**
     * The snapshot with {@code watched} in place of the deployment of the same id, so the rollout
     * line names the revision being rolled out.
     */
    public static RolloutSnapshot focus(RolloutSnapshot snap, Deployment watched) {
        RolloutSnapshot.Deployment w = deployment(watched);
        List<RolloutSnapshot.Deployment> ds = snap.deployments().stream().map(d -> d.id().equals(w.id()) ? w : d).toList();
        return new RolloutSnapshot(snap.service(), ds, snap.events(), snap.stoppedTasks());
    }

    private static RolloutSnapshot.Deployment deployment(Deployment d) {
        String td = d.taskDefinition() == null ? "" : d.taskDefinition().substring(d.taskDefinition().lastIndexOf('/') + 1);
        return new RolloutSnapshot.Deployment(dev.gantry.text.Untrusted.text(d.id()), dev.gantry.text.Untrusted.text(d.status()), dev.gantry.text.Untrusted.text(td), dev.gantry.text.Untrusted.text(d.rolloutStateAsString()),
                n(d.desiredCount()), n(d.runningCount()), n(d.pendingCount()), n(d.failedTasks()));
    }

    private static int n(Integer i) { return i == null ? 0 : i; }

    private List<RolloutSnapshot.StoppedTask> stoppedTasks(String deploymentId, Instant since) {
        List<String> arns = ecs.listTasks(b -> b.cluster(cluster).serviceName(service).desiredStatus(DesiredStatus.STOPPED)).taskArns();
        if (arns.isEmpty()) return List.of();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            tasks.addAll(ecs.describeTasks(b -> b.cluster(cluster).tasks(batch)).tasks());
        }
        return tasks.stream().filter(t -> deploymentId == null || deploymentId.equals(t.startedBy()))
                .filter(t -> t.stoppedReason() != null)
                .filter(t -> since == null || !(t.stoppingAt() == null ? t.createdAt() : t.stoppingAt()).isBefore(since))
                .sorted(Comparator.comparing((Task t) -> t.stoppingAt() == null ? t.createdAt() : t.stoppingAt()).reversed())
                .limit(STOPPED).map(RolloutWatcher::stopped).toList();
    }

    private static RolloutSnapshot.StoppedTask stopped(Task t) {
        String id = t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
        List<String> reasons = t.containers().stream().map(Container::reason).filter(Objects::nonNull).map(dev.gantry.text.Untrusted::text).toList();
        Integer exit = t.containers().stream().map(Container::exitCode).filter(Objects::nonNull).findFirst().orElse(null);
        return new RolloutSnapshot.StoppedTask(dev.gantry.text.Untrusted.text(id), dev.gantry.text.Untrusted.text(t.stopCodeAsString()), dev.gantry.text.Untrusted.text(t.stoppedReason()), reasons, exit);
    }

    /** A task that stopped because something went wrong (not one ECS replaced or scaled in on purpose). */
    public static boolean failed(RolloutSnapshot.StoppedTask t) {
        String code = t.stopCode() == null ? "" : t.stopCode();
        String reason = t.stoppedReason() == null ? "" : t.stoppedReason();
        return code.equals("TaskFailedToStart") || code.equals("EssentialContainerExited")
                || reason.contains("failed ELB health checks") || reason.contains("failed container health checks")
                || reason.startsWith("CannotPullContainerError") || reason.startsWith("ResourceInitializationError")
                || reason.startsWith("OutOfMemoryError");
    }

    public static Optional<RolloutSnapshot.StoppedTask> firstFailure(RolloutSnapshot s) {
        // Newest first in the snapshot; the oldest failure is the first one, and usually the clearest.
        List<RolloutSnapshot.StoppedTask> failed = s.stoppedTasks().stream().filter(RolloutWatcher::failed).toList();
        return failed.isEmpty() ? Optional.empty() : Optional.of(failed.get(failed.size() - 1));
    }

    /** The deployment's state in the snapshot, or null when ECS no longer lists it. */
    public static RolloutSnapshot.Deployment find(RolloutSnapshot s, String deploymentId) {
        return s.deployments().stream().filter(d -> d.id().equals(deploymentId)).findFirst().orElse(null);
    }
}
