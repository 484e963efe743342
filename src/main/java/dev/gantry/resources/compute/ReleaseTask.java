package dev.gantry.resources.compute;

import dev.gantry.aws.AwsFailure;
import dev.gantry.diagnose.Diagnosis;
import dev.gantry.diagnose.Explainer;
import dev.gantry.diagnose.RolloutSnapshot;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import dev.gantry.spec.Release;
import dev.gantry.text.Untrusted;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The release command: one task of a just-registered task definition revision, its command
 * replaced, run to its end before the service may roll to that revision. The task-definition step
 * waits for it on the scheduler (never sleeping). If it ends with any code but 0, or never runs
 * (an image that cannot be pulled, a secret that cannot be read), the new revision is deregistered
 * again, so the service keeps running the old one and the next apply registers it anew and runs the
 * release again; the step fails with the exit code and the task's last log lines.
 */
final class ReleaseTask {
    /** Tasks ECS shows as started by gantry's release phase. */
    static final String STARTED_BY = "gantry-release";
    /** The task-definition prop that carries the release (never compared: it says how to roll out, not what exists). */
    static final String PROP = "release";
    /** A migration that runs longer than this is stopped and counts as failed. */
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    static final int LAST_LINES = 10;
    /** On a revision registered for a release: {@value #PENDING} until the release has passed. */
    static final String TAG = "gantry:release";
    static final String PENDING = "pending";
    static final String PASSED = "passed";
    private static final Duration POLL = Duration.ofSeconds(2);

    private ReleaseTask() {}

    /**
     * The release prop for the task definition: the command, where the service's tasks run, and what
     * a diagnosis of a task that never ran needs to know of the app ({@link Explainer.Context#asProps}).
     */
    static Map<String, Object> prop(List<String> command, Object cluster, List<?> subnets, List<?> securityGroups, boolean assignPublicIp,
                                    Map<String, Object> explain) {
        return Props.props().put("command", command).put("cluster", cluster).put("subnets", subnets)
                .put("securityGroups", securityGroups).put("assignPublicIp", assignPublicIp).put("explain", explain).build();
    }

    /** Whether registering {@code props} over {@code before} (null: a first revision) runs the release. */
    static boolean runs(Map<String, Object> props, Observed before) {
        if (!(props.get(PROP) instanceof Map<?, ?>)) return false;
        return before == null || !java.util.Objects.equals(Props.str(before.props(), "image"), Props.str(props, "image"));
    }

    /** Runs the release with {@code registered} (the new revision); done with it when the command ended with 0. */
    static Step run(ResourceContext ctx, Map<String, Object> props, Observed registered, String previousRevision) {
        Map<?, ?> release = (Map<?, ?>) props.get(PROP);
        List<String> command = Props.strings(release, "command");
        String words = Release.words(command);
        String revision = registered.outputs().get("family") + ":" + registered.outputs().get("revision");
        String cluster = Props.str(release, "cluster");
        Explainer.Context explain = release.get("explain") instanceof Map<?, ?> m ? Explainer.Context.ofProps(m)
                : new Explainer.Context(ctx.app(), null, null, null, Map.of(), false);
        return () -> {
            RunTaskResponse r;
            try {
                r = ctx.aws().ecs().runTask(b -> b.cluster(cluster).taskDefinition(registered.id()).launchType(LaunchType.FARGATE)
                        .networkConfiguration(NetworkConfiguration.builder().awsvpcConfiguration(AwsVpcConfiguration.builder()
                                .subnets(Props.strings(release, "subnets")).securityGroups(Props.strings(release, "securityGroups"))
                                .assignPublicIp(Props.bool(release, "assignPublicIp") ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED).build()).build())
                        .overrides(TaskOverride.builder().containerOverrides(ContainerOverride.builder().name(ctx.app()).command(command).build()).build())
                        .startedBy(STARTED_BY)
                        .tags(Tag.builder().key(ResourceContext.TAG_APP).value(ctx.app()).build(), Tag.builder().key("gantry:run").value("release").build()));
            } catch (RuntimeException e) {
                deregister(ctx, registered);
                throw e;
            }
            if (r.tasks().isEmpty()) {
                deregister(ctx, registered);
                String why = r.failures().isEmpty() ? "ECS started no task" : Untrusted.text(r.failures().get(0).reason());
                throw new AwsFailure(AwsFailure.Kind.LIMIT, "the release task could not start: " + why + "; the rollout did not start"
                        + keeps(previousRevision), "run 'gantry apply' again in a minute; Fargate capacity in a zone can run short");
            }
            Task task = r.tasks().get(0);
            String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
            Instant started = ctx.time().now();
            ctx.progress().info("release: running `" + words + "` with " + revision + " in task " + shortId(id) + " before the rollout");
            // The service's own log group: /gantry/APP, or /gantry/APP-NAME for another service of a version-2 app.
            String logGroup = Props.str(props, "logGroup") != null ? Props.str(props, "logGroup") : "/gantry/" + ctx.app();
            return StepResult.waitThen(POLL, "release `" + words + "` (task " + shortId(id) + ") to finish", new Watch(ctx, registered, previousRevision,
                    cluster, task.taskArn(), id, words, revision, started, explain, logGroup));
        };
    }

    /** Polls the release task until it has stopped, then says how it ended. */
    private record Watch(ResourceContext ctx, Observed registered, String previousRevision, String cluster, String taskArn, String id,
                         String words, String revision, Instant started, Explainer.Context explain, String logGroup) implements Step {
        @Override public StepResult run() {
            Task t = ctx.aws().ecs().describeTasks(b -> b.cluster(cluster).tasks(taskArn)).tasks().stream().findFirst().orElse(null);
            Duration took = Duration.between(started, ctx.time().now());
            if (t == null || !"STOPPED".equals(t.lastStatus())) {
                if (took.compareTo(TIMEOUT) > 0) {
                    ctx.aws().ecs().stopTask(b -> b.cluster(cluster).task(taskArn).reason("gantry: the release command ran longer than " + TIMEOUT.toMinutes() + " minutes"));
                    deregister(ctx, registered);
                    throw new AwsFailure(AwsFailure.Kind.TIMEOUT, "the release `" + words + "` (task " + shortId(id) + ") was still running after "
                            + TIMEOUT.toMinutes() + " minutes, so gantry stopped it; the rollout did not start" + keeps(previousRevision) + lastLines(),
                            "find out why it hangs ('gantry logs --task " + shortId(id) + "'), then run 'gantry apply' again");
                }
                return StepResult.waitThen(POLL, "release `" + words + "` (task " + shortId(id) + ") to finish", this);
            }
            Integer exit = t.containers().isEmpty() ? null : t.containers().get(0).exitCode();
            if (exit != null && exit == 0) {
                ctx.aws().ecs().tagResource(b -> b.resourceArn(registered.id()).tags(Tag.builder().key(TAG).value(PASSED).build()));
                ctx.progress().info("release: `" + words + "` with " + revision + " ended with code 0 after " + seconds(took));
                return StepResult.done(registered);
            }
            deregister(ctx, registered);
            if (exit != null) {
                throw new AwsFailure(AwsFailure.Kind.OTHER, "the release `" + words + "` exited with code " + exit + " after " + seconds(took)
                        + " (task " + shortId(id) + "), so the rollout did not start" + keeps(previousRevision) + lastLines(),
                        "fix what the log lines say (all of them: 'gantry logs --task " + shortId(id) + "'), then run 'gantry apply' again; it runs the release again");
            }
            List<String> reasons = new ArrayList<>();
            t.containers().forEach(c -> { if (c.reason() != null) reasons.add(c.reason()); });
            Diagnosis d = Explainer.explain(new RolloutSnapshot.StoppedTask(id, t.stopCodeAsString(), t.stoppedReason(), reasons, null),
                    List.of(), explain);
            throw new AwsFailure(AwsFailure.Kind.OTHER, "the release task " + shortId(id) + " never ran `" + words + "`: " + d.summary()
                    + "; the rollout did not start" + keeps(previousRevision), String.join("; ", d.fixes()));
        }

        /** The task's last lines, newest last, each on its own line; none when there are none. */
        private String lastLines() {
            Deque<String> last = new ArrayDeque<>();
            String group = logGroup;
            String stream = ctx.app() + "/" + ctx.app() + "/" + id;
            try {
                String token = null;
                for (int page = 0; page < 100; page++) {
                    String from = token;
                    GetLogEventsResponse r = ctx.aws().logs().getLogEvents(b -> b.logGroupName(group).logStreamName(stream).startFromHead(true).nextToken(from));
                    for (OutputLogEvent e : r.events()) {
                        last.addLast(Untrusted.text(e.message()));
                        if (last.size() > LAST_LINES) last.removeFirst();
                    }
                    if (r.events().isEmpty() || r.nextForwardToken() == null || r.nextForwardToken().equals(from)) break;
                    token = r.nextForwardToken();
                }
            } catch (ResourceNotFoundException noLogs) {
                return "; it wrote no log lines";
            } catch (RuntimeException unreadable) {
                // The release's own failure is what the person needs; a log read that failed must not hide it.
                return "; its log lines could not be read (" + Untrusted.text(unreadable.getMessage()) + ")";
            }
            if (last.isEmpty()) return "; it wrote no log lines";
            return "; its last log lines:\n    " + String.join("\n    ", last);
        }
    }

    private static String keeps(String previousRevision) {
        return previousRevision == null ? "" : " (the service keeps its current tasks; " + previousRevision + " stays the newest revision)";
    }

    /** The new revision goes again, so the service cannot roll to it and the next apply registers it anew. */
    private static void deregister(ResourceContext ctx, Observed registered) {
        ctx.aws().ecs().deregisterTaskDefinition(b -> b.taskDefinition(registered.id()));
    }

    static String shortId(String id) { return id.length() > 8 ? id.substring(0, 8) : id; }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + "s" : s / 60 + "m" + String.format("%02d", s % 60) + "s";
    }
}
