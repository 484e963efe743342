package dev.gantry.spec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The container and its size. Maps keep a stable (sorted) order so plans and task definitions are deterministic. */
public record Task(
        String image,
        int cpu,
        int memory,
        Architecture architecture,
        Integer port,
        List<String> command,
        Map<String, String> environment,
        Map<String, SecretRef> secrets,
        Logs logs,
        RegistryCredentials registryCredentials,
        int stopTimeout) {

    public static final int DEFAULT_CPU = 256;
    public static final int DEFAULT_MEMORY = 512;
    /**
     * Seconds between SIGTERM and SIGKILL. ECS sends SIGTERM only after the load balancer has
     * drained the task, so a server has nothing left in flight; Fargate's own default is 30.
     */
    public static final int DEFAULT_STOP_TIMEOUT = 10;

    public Task {
        architecture = architecture == null ? Architecture.X86_64 : architecture;
        command = command == null ? List.of() : List.copyOf(command);
        environment = environment == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
        secrets = secrets == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(secrets));
        logs = logs == null ? new Logs(Logs.DEFAULT_RETENTION_DAYS) : logs;
    }

    /** With the default stop timeout. */
    public Task(String image, int cpu, int memory, Architecture architecture, Integer port, List<String> command,
                Map<String, String> environment, Map<String, SecretRef> secrets, Logs logs, RegistryCredentials registryCredentials) {
        this(image, cpu, memory, architecture, port, command, environment, secrets, logs, registryCredentials, DEFAULT_STOP_TIMEOUT);
    }

    /** Without registry credentials: a public image, or one the execution role pulls (ECR in the account). */
    public Task(String image, int cpu, int memory, Architecture architecture, Integer port, List<String> command,
                Map<String, String> environment, Map<String, SecretRef> secrets, Logs logs) {
        this(image, cpu, memory, architecture, port, command, environment, secrets, logs, null);
    }

    public static Task of(String image, Integer port) {
        return new Task(image, DEFAULT_CPU, DEFAULT_MEMORY, Architecture.X86_64, port, List.of(), Map.of(), Map.of(), null);
    }

    public Task withImage(String i) {
        return new Task(i, cpu, memory, architecture, port, command, environment, secrets, logs, registryCredentials, stopTimeout);
    }

    public Task withRegistryCredentials(RegistryCredentials r) {
        return new Task(image, cpu, memory, architecture, port, command, environment, secrets, logs, r, stopTimeout);
    }
}
