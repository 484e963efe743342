package dev.gantry.ops;

import java.time.Instant;

/**
 * One line a container wrote. {@code taskId} is the ECS task id, the last part of the awslogs
 * stream name ({@code PREFIX/CONTAINER/TASKID}); {@code eventId} is CloudWatch's, used to drop a
 * line that a later poll returns again.
 */
public record LogLine(String taskId, Instant at, String message, String stream, String eventId) {
    /** The first 8 characters of the task id, as the ECS console shows it. */
    public String shortTaskId() { return taskId.length() <= 8 ? taskId : taskId.substring(0, 8); }

    public static String taskIdOf(String stream) {
        return stream == null ? "" : stream.substring(stream.lastIndexOf('/') + 1);
    }
}
