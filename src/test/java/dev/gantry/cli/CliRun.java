package dev.gantry.cli;

import dev.gantry.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** gantry run through its real command line in this JVM, on the simulated AWS kept in {@code home}. */
record CliRun(int code, String out, String err) {
    static CliRun gantry(Path home, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("GANTRY_HOME", home.toString(), "GANTRY_SIM_SPEED", "1000000", "TERM", "dumb"));
        env.putAll(extraEnv);
        env.values().removeIf(v -> v == null || v.isEmpty());
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream so = System.out, se = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Main.run(env,
                    new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(so);
            System.setErr(se);
        }
    }
}
