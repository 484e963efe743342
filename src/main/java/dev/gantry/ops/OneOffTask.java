package dev.gantry.ops;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.AwsErrors;
import dev.gantry.aws.AwsFailure;
import dev.gantry.diagnose.Diagnosis;
import dev.gantry.diagnose.Explainer;
import dev.gantry.diagnose.RolloutSnapshot;
import dev.gantry.spec.Spec;
import dev.gantry.time.Scheduler;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code gantry run}: one task from the service's own task definition (same image digest,
 * environment, secrets, roles) in the service's subnets with its security groups, the command
 * replaced; its logs followed until it stops, and how it ended in plain words.
 */
public final class OneOffTask {
    /** Tagged so a one-off task can be told from the service's (ECS shows it as startedBy too). */
    public static final String STARTED_BY = "gantry-run";
    static final Duration POLL = Duration.ofSeconds(2);

    /** What to run: the command, and a size other than the service's (null keeps the task definition's). */
    public record Request(List<String> command, Integer cpu, Integer memory) {}

    /** A task ECS accepted. */
    public record Started(String cluster, String taskArn, String taskId, String taskDefinition, String logGroup) {}

    /** How it ended: the container's exit code, or why it never ran (diagnosis). */
    public record Ended(Integer exitCode, String stopCode, String stoppedReason, Diagnosis diagnosis, boolean stoppedByUs, boolean timedOut) {
        public Ended(Integer exitCode, String stopCode, String stoppedReason, Diagnosis diagnosis, boolean stoppedByUs) {
            this(exitCode, stopCode, stoppedReason, diagnosis, stoppedByUs, false);
        }
        public boolean ran() { return exitCode != null; }
    }

    private OneOffTask() {}

    public static Started start(AwsClients aws, Spec spec, String cluster, String service, Request r) {
        Service svc;
        try {
            List<Service> found = aws.ecs().describeServices(b -> b.cluster(cluster).services(service)).services();
            svc = found.stream().filter(s -> "ACTIVE".equals(s.status())).findFirst().orElse(null);
        } catch (software.amazon.awssdk.services.ecs.model.ClusterNotFoundException e) {
            svc = null;
        } catch (RuntimeException e) {
            throw AwsErrors.translate("reading service " + service, e);
        }
        if (svc == null) {
            throw new AwsFailure(AwsFailure.Kind.NOT_FOUND, "service " + service + " in cluster " + cluster + " does not exist: there is no task definition to run yet",
                    "deploy it first with 'gantry apply'");
        }
        Service running = svc;
        String taskDefinition = svc.taskDefinition();
        String container;
        try {
            container = aws.ecs().describeTaskDefinition(b -> b.taskDefinition(taskDefinition)).taskDefinition().containerDefinitions().get(0).name();
        } catch (RuntimeException e) {
            throw AwsErrors.translate("reading task definition " + taskDefinition, e);
        }
        TaskOverride.Builder overrides = TaskOverride.builder()
                .containerOverrides(ContainerOverride.builder().name(container).command(r.command()).build());
        if (r.cpu() != null) overrides.cpu(String.valueOf(r.cpu()));
        if (r.memory() != null) overrides.memory(String.valueOf(r.memory()));
        Task task;
        try {
            var resp = aws.ecs().runTask(b -> b.cluster(cluster).taskDefinition(taskDefinition).launchType(LaunchType.FARGATE)
                    .networkConfiguration(running.networkConfiguration()).overrides(overrides.build()).startedBy(STARTED_BY)
                    .tags(Tag.builder().key("gantry:app").value(spec.app()).build(), Tag.builder().key("gantry:run").value("one-off").build()));
            if (resp.tasks().isEmpty()) {
                String why = resp.failures().isEmpty() ? "ECS started no task" : resp.failures().get(0).reason();
                throw new AwsFailure(AwsFailure.Kind.LIMIT, "ECS could not start the task: " + why,
                        "try again in a minute; Fargate capacity in a zone can run short");
            }
            task = resp.tasks().get(0);
        } catch (AwsFailure f) {
            throw f;
        } catch (RuntimeException e) {
            throw AwsErrors.translate("starting a one-off task of " + taskDefinition, e);
        }
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        // Each service logs to /gantry/ and its ECS name (APP, or APP-NAME in version 2).
        return new Started(cluster, task.taskArn(), id, taskDefinition, "/gantry/" + service);
    }

    /**
     * {@code gantry run --job NAME}: one task exactly as the job's schedule starts it (its task
     * definition, network and ECS task group {@code job:NAME}, so status counts it as the job's last
     * run), now.
     */
    public static Started startJob(AwsClients aws, Spec spec, String job) {
        software.amazon.awssdk.services.scheduler.model.GetScheduleResponse schedule;
        try {
            schedule = aws.scheduler().getSchedule(b -> b.groupName(spec.app()).name(job));
        } catch (software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException none) {
            throw new AwsFailure(AwsFailure.Kind.NOT_FOUND, "job " + job + " has no schedule in AWS yet: there is no task definition to run",
                    "deploy it first with 'gantry apply'");
        } catch (RuntimeException e) {
            throw AwsErrors.translate("reading the schedule of job " + job, e);
        }
        var target = schedule.target();
        var p = target.ecsParameters();
        var v = p.networkConfiguration().awsvpcConfiguration();
        String cluster = target.arn().substring(target.arn().lastIndexOf('/') + 1);
        Task task;
        try {
            var resp = aws.ecs().runTask(b -> b.cluster(cluster).taskDefinition(p.taskDefinitionArn()).launchType(LaunchType.FARGATE).group(p.group())
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(v.subnets()).securityGroups(v.securityGroups())
                            .assignPublicIp(v.assignPublicIpAsString())))
                    .startedBy(STARTED_BY)
                    .tags(Tag.builder().key("gantry:app").value(spec.app()).build(), Tag.builder().key("gantry:run").value("job").build()));
            if (resp.tasks().isEmpty()) {
                String why = resp.failures().isEmpty() ? "ECS started no task" : resp.failures().get(0).reason();
                throw new AwsFailure(AwsFailure.Kind.LIMIT, "ECS could not start the task: " + why, "try again in a minute; Fargate capacity in a zone can run short");
            }
            task = resp.tasks().get(0);
        } catch (AwsFailure f) {
            throw f;
        } catch (RuntimeException e) {
            throw AwsErrors.translate("starting job " + job + " (" + p.taskDefinitionArn() + ")", e);
        }
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        // A job logs where the primary service does: /gantry/APP, or /gantry/APP-NAME in version 2.
        return new Started(cluster, task.taskArn(), id, p.taskDefinitionArn(),
                "/gantry/" + dev.gantry.spec.DerivedNames.serviceBase(spec.app(), spec.primaryService().name()));
    }

    /**
     * Follows the task until it has stopped: new log lines go to {@code lines} as they come, and
     * {@code stop} completing (Ctrl-C) asks ECS to stop it and goes on until it has.
     */
    public static Ended follow(AwsClients aws, Scheduler scheduler, Spec spec, Started s, java.time.Instant from,
                               Consumer<List<LogLine>> lines, CompletableFuture<Void> stop) {
        LogCursor cursor = new LogCursor(aws.logs(), s.logGroup(), from, s.taskId());
        CompletableFuture<Ended> ended = new CompletableFuture<>();
        boolean[] askedToStop = {false};
        boolean[] noLogs = {false};
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            try {
                if (stop.isDone() && !askedToStop[0]) {
                    askedToStop[0] = true;
                    aws.ecs().stopTask(b -> b.cluster(s.cluster()).task(s.taskArn()).reason("Stopped by gantry run (Ctrl-C)"));
                }
                readLogs(cursor, lines, noLogs);
                Task t = aws.ecs().describeTasks(b -> b.cluster(s.cluster()).tasks(s.taskArn())).tasks().stream().findFirst().orElse(null);
                if (t != null && "STOPPED".equals(t.lastStatus())) {
                    readLogs(cursor, lines, noLogs);
                    ended.complete(ending(t, spec, askedToStop[0]));
                    return;
                }
            } catch (RuntimeException e) {
                if (!AwsErrors.retryable(e)) {
                    ended.completeExceptionally(AwsErrors.translate("following task " + s.taskId(), e));
                    return;
                }
            }
            scheduler.schedule(POLL, tick[0]);
        };
        scheduler.schedule(Duration.ZERO, tick[0]);
        return scheduler.await(ended);
    }

    /** New lines, if the log group is there: a task whose logs cannot be written still has an ending to tell. */
    private static void readLogs(LogCursor cursor, Consumer<List<LogLine>> lines, boolean[] noLogs) {
        if (noLogs[0]) return;
        try {
            List<LogLine> got = cursor.next();
            if (!got.isEmpty()) lines.accept(got);
        } catch (AwsFailure f) {
            if (f.kind() != AwsFailure.Kind.NOT_FOUND) throw f;
            noLogs[0] = true;
        }
    }

    private static Ended ending(Task t, Spec spec, boolean stoppedByUs) {
        Integer exit = JobTimeouts.exitCode(t);
        String code = t.stopCodeAsString();
        if (exit != null) return new Ended(exit, code, t.stoppedReason(), null, stoppedByUs, !stoppedByUs && JobTimeouts.timedOut(t));
        List<String> reasons = new ArrayList<>();
        t.containers().forEach(c -> { if (c.reason() != null) reasons.add(c.reason()); });
        String id = t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
        Diagnosis d = stoppedByUs ? null : Explainer.explain(new RolloutSnapshot.StoppedTask(id, code, t.stoppedReason(), reasons, null),
                List.of(), Explainer.Context.of(spec));
        return new Ended(null, code, t.stoppedReason(), d, stoppedByUs);
    }
}
