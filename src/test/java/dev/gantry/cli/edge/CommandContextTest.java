package dev.gantry.cli.edge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command reads and writes through the context it is given: run with a test's own streams,
 * nothing reaches the process's standard streams, and standard input is the context's.
 */
class CommandContextTest {
    @TempDir Path home;

    @Test void every_command_talks_only_through_its_context() {
        String spec = "templates/web-https.yaml";
        Map<String, String> env = Map.of("GANTRY_HOME", home.toString(), "GANTRY_SIM_SPEED", "1000000", "TERM", "dumb");
        Captured io = new Captured(env, "from-standard-input\n");
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        PrintStream out = System.out, err = System.err;
        System.setOut(new PrintStream(stray, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stray, true, StandardCharsets.UTF_8));
        try {
            assertThat(io.gantry("validate", "-f", spec)).isZero();
            assertThat(io.gantry("apply", "--simulate", "-f", spec)).as("no terminal to confirm on").isEqualTo(2);
            assertThat(io.gantry("plan", "--simulate", "-f", spec, "--output", "xml")).as("a usage error").isEqualTo(2);
            assertThat(io.gantry("plan", "--simulate", "-f", spec, "--detailed-exitcode")).isEqualTo(3);
            assertThat(io.gantry("apply", "--simulate", "--yes", "-f", spec)).isZero();
            assertThat(io.gantry("status", "--simulate", "-f", spec)).isZero();
            assertThat(io.gantry("logs", "--simulate", "-f", spec)).isZero();
            assertThat(io.gantry("secrets", "set", "DB_PASSWORD", "--value-file", "-", "--no-deploy", "--simulate", "-f", spec)).isZero();
            assertThat(io.gantry("secrets", "list", "--simulate", "-f", spec)).isZero();
            assertThat(io.gantry("destroy", "--simulate", "--yes", "--output", "json", "-f", spec)).isZero();
            assertThat(io.gantry("init", "-f", home.resolve("w.yaml").toString(), "--yes", "--app", "worker", "--image", "nginx:1.27",
                    "--no-load-balancer", "--vpc", "default")).as(io.err()).isZero();
            assertThat(io.gantry("schema")).isZero();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(stray.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(io.out()).contains("hello runs public.ecr.aws/nginx/nginx:1.27", "Plan: 25 to add", "Apply complete", "NAME",
                "\"type\":\"finished\"", "Wrote " + home.resolve("w.yaml"), "\"$schema\"");
        assertThat(io.out()).contains("Stored a new value for DB_PASSWORD").doesNotContain("from-standard-input");
        assertThat(io.err()).contains("gantry: apply needs confirmation, and there is no terminal to ask on: run again with --yes",
                "--output", "note: no value for secret DB_PASSWORD");
    }
}
