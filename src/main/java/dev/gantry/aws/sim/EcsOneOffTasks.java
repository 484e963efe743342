package dev.gantry.aws.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tasks started by RunTask, outside any service, computed lazily like the service scheduler: each
 * look replays what is due. A one-off task provisions for the task start time, meets the same
 * start failures as a service's task ({@link EcsTaskFailures}: network, secrets, registry login,
 * log group, image pull), then runs its command ({@link SimProgram}) and stops with the
 * container's exit code (ECS: stop code EssentialContainerExited). StopTask sends SIGTERM: a
 * running shell ends at once with 143, and the task is STOPPED with stop code UserInitiated
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StopTask.html).
 * A task definition may have more essential containers (a job's timeout: {@code sleep N}): when
 * one of them exits first, ECS stops the task and every other container, so the first one's
 * command gets SIGTERM and ends with 143 (ContainerDefinition.essential: "If the essential
 * parameter of a container is marked as true, and that container fails or stops for any reason,
 * all other containers that are part of the task are stopped";
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html).
 * Only the first container's logs and exit are modelled beyond that.
 */
final class EcsOneOffTasks {
    /** A shell dies of SIGTERM at once; ECS reports the task STOPPED a moment later. */
    static final java.time.Duration SIGTERM_TO_STOPPED = java.time.Duration.ofSeconds(2);

    private final SimWorld world;
    private final SimEcsNeighbours n;

    EcsOneOffTasks(SimWorld world, SimEcsNeighbours n) {
        this.world = world;
        this.n = n;
    }

    private EcsState st() { return world.state.ecs; }

    EcsState.TaskRec launch(EcsState.ClusterRec c, EcsState.TaskDefRec td, List<String> subnets, List<String> groups, boolean publicIp,
                            List<String> command, String startedBy, Map<String, String> tags, int index, Instant at) {
        EcsState.TaskRec task = EcsTaskLaunch.of(world, n).provision(c.name, c.arn, td, subnets.get(index % subnets.size()), groups, publicIp, at);
        task.commandOverride = command == null ? null : List.copyOf(command);
        task.startedBy = startedBy;
        task.tags.putAll(tags);
        return task;
    }

    /** Replays every one-off task's transitions due by {@code now}. */
    void advance(Instant now) {
        SchedulerInvocations.fire(world, this, now);
        long limit = now.toEpochMilli();
        for (EcsState.TaskRec t : new ArrayList<>(st().tasks.values())) {
            if (t.service != null) continue;
            while (t.nextAt <= limit) step(t, t.nextAt);
        }
    }

    private void step(EcsState.TaskRec task, long t) {
        String phase = task.phase;
        task.nextAt = Long.MAX_VALUE;
        task.phase = null;
        Instant at = Instant.ofEpochMilli(t);
        EcsState.ContainerRec c = SimEcs.resolveTaskDefinition(st(), task.taskDefinitionArn).containers.get(0);
        switch (phase) {
            case "start" -> start(task, c, at);
            case "exit" -> stopped(task, "EssentialContainerExited", "Essential container in task exited", task.plannedExit, at);
            case "killed" -> stopped(task, task.stopCode, task.stoppedReason, 143, at);
            case "essential" -> {
                // The other essential container exited: ECS stops the task; the shell dies of SIGTERM at once.
                task.endedByExited = true;
                task.desiredStatus = "STOPPED";
                task.stoppingAt = at.toEpochMilli();
                task.lastStatus = "DEACTIVATING";
                task.stopCode = "EssentialContainerExited";
                task.stoppedReason = "Essential container in task exited";
                task.phase = "killed";
                task.nextAt = at.plus(SIGTERM_TO_STOPPED).toEpochMilli();
            }
            default -> throw new IllegalStateException("unknown one-off task phase " + phase);
        }
    }

    private void start(EcsState.TaskRec task, EcsState.ContainerRec c, Instant at) {
        if (new EcsTaskFailures.Outcome(task.failure, task.failureReason).failsToStart()) {
            if (task.failureReason.startsWith("CannotPullContainerError")) task.containerReason = task.failureReason;
            stopped(task, "TaskFailedToStart", task.failureReason, null, at);
            return;
        }
        task.lastStatus = "RUNNING";
        task.startedAt = at.toEpochMilli();
        if (EcsTaskFailures.CRASH.equals(task.failure)) {
            log(c, task, at, "Error: the application exited during start-up (simulated: the image tag contains \"crash\")");
            task.plannedExit = 1;
            task.phase = "exit";
            task.nextAt = at.plus(EcsScheduler.CRASH_AFTER).toEpochMilli();
            return;
        }
        List<String> command = task.commandOverride != null ? task.commandOverride : c.command;
        Other other = firstOtherEssential(task, c);
        if (command == null || command.isEmpty()) {
            // The image's own program (a server): it runs until someone stops the task.
            log(c, task, at, "(simulated) started " + c.image + " with its own command; it runs until the task is stopped");
            if (other != null) endedBy(task, other, at);
            return;
        }
        SimProgram p = SimProgram.of(command);
        boolean cut = other != null && other.runs().compareTo(p.runs()) < 0;
        for (SimProgram.Line line : p.lines()) {
            if (!cut || line.after().compareTo(other.runs()) < 0) log(c, task, at.plus(line.after()), line.text());
        }
        if (cut) {
            endedBy(task, other, at);
            return;
        }
        task.plannedExit = p.exitCode();
        task.phase = "exit";
        task.nextAt = at.plus(p.runs()).toEpochMilli();
    }

    private record Other(String name, java.time.Duration runs) {}

    /** The essential container besides the first whose command ends soonest, or null. */
    private Other firstOtherEssential(EcsState.TaskRec task, EcsState.ContainerRec first) {
        Other soonest = null;
        for (EcsState.ContainerRec o : SimEcs.resolveTaskDefinition(st(), task.taskDefinitionArn).containers) {
            if (o == first || !o.essential || o.command.isEmpty()) continue;
            var runs = SimProgram.of(o.command).runs();
            if (soonest == null || runs.compareTo(soonest.runs()) < 0) soonest = new Other(o.name, runs);
        }
        return soonest;
    }

    private static void endedBy(EcsState.TaskRec task, Other other, Instant at) {
        task.endedBy = other.name();
        task.phase = "essential";
        task.nextAt = at.plus(other.runs()).toEpochMilli();
    }

    /** StopTask: SIGTERM to a running task, or the end of one still starting. */
    void stop(EcsState.TaskRec task, String reason, Instant now) {
        advance(now);
        if ("STOPPED".equals(task.lastStatus) || "STOPPED".equals(task.desiredStatus)) return;
        task.desiredStatus = "STOPPED";
        task.stoppingAt = now.toEpochMilli();
        task.stopCode = "UserInitiated";
        task.stoppedReason = reason == null || reason.isBlank() ? "Task stopped by user" : reason;
        if (task.startedAt == null) {
            stopped(task, task.stopCode, task.stoppedReason, null, now);
        } else {
            task.lastStatus = "DEACTIVATING";
            task.phase = "killed";
            task.nextAt = now.plus(SIGTERM_TO_STOPPED).toEpochMilli();
        }
    }

    private void stopped(EcsState.TaskRec task, String stopCode, String reason, Integer exit, Instant at) {
        task.stopCode = stopCode;
        task.stoppedReason = reason;
        task.exitCode = exit;
        task.desiredStatus = "STOPPED";
        if (task.stoppingAt == null) task.stoppingAt = at.toEpochMilli();
        task.lastStatus = "STOPPED";
        task.stoppedAt = at.toEpochMilli();
        task.phase = null;
        task.nextAt = Long.MAX_VALUE;
        if (task.eni != null) n.releaseEni(task.eni, at);
    }

    private void log(EcsState.ContainerRec c, EcsState.TaskRec task, Instant at, String line) {
        if (!"awslogs".equals(c.logDriver)) return;
        String group = c.logOptions.get("awslogs-group");
        String prefix = c.logOptions.get("awslogs-stream-prefix");
        String stream = (prefix == null ? "" : prefix + "/") + c.name + "/" + task.id;
        LogsWriter.of(world).append(group, stream, at, line);
    }
}
