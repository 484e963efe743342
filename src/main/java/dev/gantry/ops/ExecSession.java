package dev.gantry.ops;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.AwsErrors;
import dev.gantry.aws.AwsFailure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TargetNotConnectedException;

import java.util.List;

/**
 * {@code gantry exec}: which task, and ECS's ExecuteCommand for it. The session it returns is
 * handed to the Session Manager plugin by the caller; gantry never speaks the protocol itself.
 */
public final class ExecSession {
    /** What the plugin needs: the session (id, stream URL, token) and the SSM target {@code ecs:CLUSTER_TASK_RUNTIMEID}. */
    public record Opened(String taskId, String sessionId, String streamUrl, String tokenValue, String target) {}

    private ExecSession() {}

    /** {@code taskId}, or the service's first running task that was started with ECS Exec on. */
    public static Task pick(AwsClients aws, String cluster, String service, String taskId) {
        try {
            List<String> arns = taskId != null ? List.of(taskId)
                    : aws.ecs().listTasks(b -> b.cluster(cluster).serviceName(service)).taskArns();
            if (arns.isEmpty()) {
                throw new AwsFailure(AwsFailure.Kind.NOT_FOUND, "service " + service + " has no running task to open a shell in",
                        "see 'gantry status' for why; 'gantry apply' starts its tasks");
            }
            List<Task> tasks = aws.ecs().describeTasks(b -> b.cluster(cluster).tasks(arns)).tasks();
            if (tasks.isEmpty()) {
                throw new AwsFailure(AwsFailure.Kind.INPUT, "there is no task " + taskId + " in cluster " + cluster, "pick a running task from 'gantry status'");
            }
            return tasks.stream().filter(t -> "RUNNING".equals(t.lastStatus()) && Boolean.TRUE.equals(t.enableExecuteCommand())).findFirst()
                    .orElse(tasks.get(0));
        } catch (AwsFailure f) {
            throw f;
        } catch (software.amazon.awssdk.services.ecs.model.ServiceNotFoundException | software.amazon.awssdk.services.ecs.model.ClusterNotFoundException e) {
            throw new AwsFailure(AwsFailure.Kind.NOT_FOUND, "service " + service + " in cluster " + cluster + " does not exist", "deploy it first with 'gantry apply'");
        } catch (RuntimeException e) {
            throw AwsErrors.translate("finding a task of service " + service, e);
        }
    }

    public static Opened open(AwsClients aws, String cluster, Task task, String container, String command) {
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        if (!"RUNNING".equals(task.lastStatus())) {
            throw new AwsFailure(AwsFailure.Kind.INPUT, "task " + id + " is " + task.lastStatus() + ", not running", "pick a running task from 'gantry status', or leave out --task");
        }
        if (!Boolean.TRUE.equals(task.enableExecuteCommand())) {
            throw new AwsFailure(AwsFailure.Kind.INPUT, "task " + id + " was started before ECS Exec was turned on: it has no agent to talk to",
                    "wait until 'gantry apply' has rolled the service to new tasks (gantry status), or pick a newer one with --task");
        }
        var resp = call(() -> aws.ecs().executeCommand(b -> b.cluster(cluster).task(task.taskArn()).container(container).command(command).interactive(true)), id);
        String runtime = task.containers().stream().filter(c -> container.equals(c.name())).map(c -> c.runtimeId()).findFirst().orElse(null);
        String clusterName = resp.clusterArn().substring(resp.clusterArn().lastIndexOf('/') + 1);
        return new Opened(id, resp.session().sessionId(), resp.session().streamUrl(), resp.session().tokenValue(),
                "ecs:" + clusterName + "_" + id + "_" + runtime);
    }

    private static software.amazon.awssdk.services.ecs.model.ExecuteCommandResponse call(
            java.util.function.Supplier<software.amazon.awssdk.services.ecs.model.ExecuteCommandResponse> c, String id) {
        try {
            return c.get();
        } catch (InvalidParameterException e) {
            throw new AwsFailure(AwsFailure.Kind.INPUT, "ECS refused to open a session in task " + id + ": "
                    + dev.gantry.text.Untrusted.text(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()),
                    "set service.exec: true in gantry.yaml and run 'gantry apply'; tasks started from then on accept sessions");
        } catch (TargetNotConnectedException e) {
            throw new AwsFailure(AwsFailure.Kind.PERMISSION, "the agent in task " + id + " could not connect to Session Manager",
                    "the task role needs the ssmmessages permissions 'gantry apply' gives it with service.exec: true; if it has them, the task may need outbound HTTPS to ssmmessages."
                            + "REGION.amazonaws.com (a NAT gateway or a VPC endpoint)");
        } catch (RuntimeException e) {
            throw AwsErrors.translate("opening a session in task " + id, e);
        }
    }
}
