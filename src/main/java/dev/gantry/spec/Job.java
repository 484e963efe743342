package dev.gantry.spec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scheduled job: {@code command} run in a new task on {@code schedule} (EventBridge Scheduler's
 * {@code cron(…)} or {@code rate(…)}, read in {@code timezone}, UTC when null). It runs the service's
 * task definition's setup (roles, secrets, log group, network) with its own image (null: the
 * service's), size (null: the service's) and environment (added over the service's). {@code timeout}:
 * seconds after which ECS stops the run (null: none); {@code secrets}: the names of the service's
 * secrets the job gets (null: all of them).
 */
public record Job(String name, String schedule, String timezone, List<String> command, String image, Integer cpu, Integer memory,
                  Map<String, String> environment, Integer timeout, List<String> secrets) {
    public Job {
        command = List.copyOf(command);
        environment = environment == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
        secrets = secrets == null ? null : List.copyOf(secrets);
    }

    /** A job without a timeout that gets all of the service's secrets. */
    public Job(String name, String schedule, String timezone, List<String> command, String image, Integer cpu, Integer memory,
               Map<String, String> environment) {
        this(name, schedule, timezone, command, image, cpu, memory, environment, null, null);
    }

    /** The timeout as gantry.yaml writes it: 90s, 30m, 2h. */
    public static String duration(int seconds) {
        if (seconds % 3600 == 0) return seconds / 3600 + "h";
        if (seconds % 60 == 0) return seconds / 60 + "m";
        return seconds + "s";
    }
}
