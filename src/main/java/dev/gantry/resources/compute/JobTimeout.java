package dev.gantry.resources.compute;

import dev.gantry.plan.Observed;
import dev.gantry.resources.Props;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's {@code timeout}. Neither ECS nor EventBridge Scheduler has a task timeout, so the job's
 * task definition gets a second essential container that only sleeps for the timeout. The ECS API
 * reference (ContainerDefinition.essential): "If the essential parameter of a container is marked
 * as true, and that container fails or stops for any reason, all other containers that are part of
 * the task are stopped" — ECS stops the task (stop code EssentialContainerExited) and the job's
 * container gets SIGTERM, then SIGKILL after its stopTimeout.
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html)
 * A job without a timeout has no such container, so its task definition is what it always was.
 */
public final class JobTimeout {
    private JobTimeout() {}

    /** The prop: seconds, absent when the job has no timeout. */
    static final String PROP = "timeout";
    /** The container's name; status and {@code gantry run --job} know a timed-out run by it. */
    public static final String CONTAINER = "timeout";
    static final String IMAGE = "public.ecr.aws/docker/library/busybox:1.36";
    /**
     * When the job ends first, ECS stops this container too: a sleep that is PID 1 ignores SIGTERM,
     * so it would hold the task for Fargate's default 30 s until SIGKILL. 2 s is enough.
     */
    static final int STOP_TIMEOUT = 2;

    /** The job's request, with the sleeping container when the props carry a timeout. */
    static RegisterTaskDefinitionRequest withTimeout(RegisterTaskDefinitionRequest req, Map<String, Object> props) {
        Integer seconds = Props.integer(props, PROP);
        if (seconds == null) return req;
        ContainerDefinition job = req.containerDefinitions().get(0);
        LogConfiguration logs = job.logConfiguration();
        // A tiny share of the task's size: the job keeps the rest (Fargate: the containers' cpu and
        // memory reservations must fit within the task's).
        ContainerDefinition timer = ContainerDefinition.builder().name(CONTAINER).image(IMAGE).essential(true)
                .command("sleep", String.valueOf(seconds)).cpu(16).memoryReservation(16).stopTimeout(STOP_TIMEOUT)
                .logConfiguration(logs).build();
        List<ContainerDefinition> all = new ArrayList<>(req.containerDefinitions());
        all.add(timer);
        return req.toBuilder().containerDefinitions(all).build();
    }

    /** The timeout a registered revision carries, into its observed props (absent when none). */
    static Observed observed(Observed o, TaskDefinition td) {
        Integer seconds = seconds(td);
        if (seconds == null) return o;
        Map<String, Object> props = new LinkedHashMap<>(o.props());
        props.put(PROP, seconds);
        return new Observed(o.address(), o.id(), props, o.outputs());
    }

    static Integer seconds(TaskDefinition td) {
        for (ContainerDefinition c : td.containerDefinitions()) {
            List<String> cmd = c.command();
            if (CONTAINER.equals(c.name()) && cmd.size() == 2 && "sleep".equals(cmd.get(0)) && cmd.get(1).matches("[0-9]{1,9}")) {
                return Integer.valueOf(cmd.get(1));
            }
        }
        return null;
    }
}
