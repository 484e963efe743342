package dev.gantry.aws.sim;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;

/** Simulated CloudWatchLogs: in memory, with AWS's rules. */
public final class SimLogs implements CloudWatchLogsClient {
    private final SimWorld world;

    public SimLogs(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        return SimErrors.error(CloudWatchLogsException.builder(), "CloudWatchLogs", status, code, message);
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}
