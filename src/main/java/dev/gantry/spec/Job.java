package dev.gantry.spec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scheduled job: {@code command} run in a new task on {@code schedule} (EventBridge Scheduler's
 * {@code cron(…)} or {@code rate(…)}, read in {@code timezone}, UTC when null). It runs the service's
 * task definition's setup (roles, secrets, log group, network) with its own image (null: the
 * service's), size (null: the service's) and environment (added over the service's).
 */
public record Job(String name, String schedule, String timezone, List<String> command, String image, Integer cpu, Integer memory,
                  Map<String, String> environment) {
    public Job {
        command = List.copyOf(command);
        environment = environment == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
    }
}
