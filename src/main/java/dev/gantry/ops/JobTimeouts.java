package dev.gantry.ops;

import dev.gantry.resources.compute.JobTimeout;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Reading a stopped task that may have a job's timeout container: the command's exit code is the
 * other container's (ECS lists a task's containers in no promised order), and the run timed out
 * when the timeout container's exit stopped the task (stop code EssentialContainerExited).
 */
final class JobTimeouts {
    private JobTimeouts() {}

    /** The exit code of the task's command: its container that is not the timeout's. */
    static Integer exitCode(Task t) {
        for (Container c : t.containers()) if (!JobTimeout.CONTAINER.equals(c.name())) return c.exitCode();
        return null;
    }

    static boolean timedOut(Task t) {
        if (!"EssentialContainerExited".equals(t.stopCodeAsString())) return false;
        for (Container c : t.containers()) {
            // sleep ends with 0 when its time is up; stopped because the job ended first, it is killed (137).
            if (JobTimeout.CONTAINER.equals(c.name()) && Integer.valueOf(0).equals(c.exitCode())) return true;
        }
        return false;
    }
}
