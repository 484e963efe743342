package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** gantry run through its real command line in this JVM, on the simulated AWS kept in {@code home}, with streams of its own. */
record CliRun(int code, String out, String err) {
    static CliRun gantry(Path home, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("GANTRY_HOME", home.toString(), "GANTRY_SIM_SPEED", "1000000", "TERM", "dumb"));
        env.putAll(extraEnv);
        env.values().removeIf(v -> v == null || v.isEmpty());
        Captured run = new Captured(env);
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run.gantry(args));
        return new CliRun(code, run.out(), run.err());
    }
}
