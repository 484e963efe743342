package dev.gantry.cli.command;

import dev.gantry.cli.edge.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Secret values given to plan and apply: compared by plan, checked before anything changes, read so a signal still stops gantry. */
class SecretValuesCommandTest {
    @TempDir Path home;

    private CliRun gantry(Map<String, String> env, String... args) { return CliRun.gantry(home, env, args); }

    private static final String SPEC = "templates/web-https.yaml";

    @Test void plan_compares_a_value_from_the_environment_and_never_shows_it() throws Exception {
        Path v = home.resolve("v");
        Files.writeString(v, "first-value\n");
        assertThat(gantry(Map.of(), "apply", "--simulate", "--yes", "--plain", "--secret", "DB_PASSWORD=@" + v, "-f", SPEC).code()).isZero();

        CliRun same = gantry(Map.of("GANTRY_SECRET_DB_PASSWORD", "first-value"), "plan", "--simulate", "--detailed-exitcode", "-f", SPEC);
        assertThat(same.code()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).contains("No changes");

        CliRun changed = gantry(Map.of("GANTRY_SECRET_DB_PASSWORD", "n3w-value"), "plan", "--simulate", "--detailed-exitcode", "-f", SPEC);
        assertThat(changed.code()).as(changed.out() + changed.err()).isEqualTo(ExitCode.CHANGES_PENDING.code());
        assertThat(changed.out()).contains("~ parameter.DB_PASSWORD").contains("value: (changed)")
                .contains("~ service.main").contains("new value of DB_PASSWORD").doesNotContain("n3w-value").doesNotContain("first-value");
        Files.writeString(v, "n3w-value");
        CliRun file = gantry(Map.of(), "plan", "--simulate", "--detailed-exitcode", "--secret", "DB_PASSWORD=@" + v, "-f", SPEC);
        assertThat(file.code()).isEqualTo(ExitCode.CHANGES_PENDING.code());
    }

    @Test void values_aws_would_refuse_stop_apply_before_anything_is_touched() throws Exception {
        Path big = home.resolve("big");
        Files.writeString(big, "x".repeat(5000));
        String[][] cases = {
                {"DB_PASSWORD=@/dev/zero", "--secret DB_PASSWORD=@/dev/zero is more than 4096 bytes long"},
                {"DB_PASSWORD=@/dev/null", "--secret DB_PASSWORD=@/dev/null is empty"},
                {"DB_PASSWORD=@" + big, "big is more than 4096 bytes long; an SSM parameter of the standard tier"},
        };
        for (String[] c : cases) {
            if (c[0].contains("/dev/") && !Files.exists(Path.of(c[0].substring(c[0].indexOf('@') + 1)))) continue;
            CliRun r = gantry(Map.of(), "apply", "--simulate", "--yes", "--plain", "--secret", c[0], "-f", SPEC);
            assertThat(r.code()).as(c[0] + ": " + r.err()).isEqualTo(ExitCode.INVALID_INPUT.code());
            assertThat(r.err()).contains(c[1]).contains("nothing was changed").doesNotContain("Exception").doesNotContain("\tat ");
        }
        CliRun env = gantry(Map.of("GANTRY_SECRET_DB_PASSWORD", "y".repeat(4097)), "apply", "--simulate", "--yes", "--plain", "-f", SPEC);
        assertThat(env.code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(env.err()).contains("GANTRY_SECRET_DB_PASSWORD is 4097 bytes long");
        CliRun plan = gantry(Map.of("GANTRY_SECRET_DB_PASSWORD", "y".repeat(4097)), "plan", "--simulate", "-f", SPEC);
        assertThat(plan.code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        // Nothing was created, nor even the simulated account opened.
        assertThat(home.resolve("simulated")).doesNotExist();

        Files.writeString(big, "z".repeat(4096) + "\n");
        CliRun fits = gantry(Map.of(), "apply", "--simulate", "--yes", "--plain", "--secret", "DB_PASSWORD=@" + big, "-f", SPEC);
        assertThat(fits.code()).as(fits.err()).isZero();
    }

    @Test @DisabledOnOs(OS.WINDOWS) void sigterm_stops_apply_waiting_on_a_fifo_at_once() throws Exception {
        Path fifo = home.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.gantry.Main",
                "apply", "--simulate", "--yes", "--plain", "--secret", "DB_PASSWORD=@" + fifo, "-f", SPEC);
        pb.environment().put("GANTRY_HOME", home.toString());
        pb.environment().put("TERM", "dumb");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        // Wait until gantry waits on the FIFO (nobody writes to it), then signal.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!waitingOnFifo(p.pid(), fifo) && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(waitingOnFifo(p.pid(), fifo)).as("gantry waits on the FIFO").isTrue();
        p.toHandle().destroy(); // SIGTERM
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s of SIGTERM").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isEqualTo(ExitCode.TERMINATED.code());
        assertThat(home.resolve("simulated")).doesNotExist();
    }

    /** Whether a thread of {@code pid} waits to open {@code fifo} or holds it open (Linux /proc). */
    private static boolean waitingOnFifo(long pid, Path fifo) {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task")); var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            boolean opening = tasks.anyMatch(t -> {
                try {
                    return Files.readString(t.resolve("wchan")).contains("wait_for_partner");
                } catch (Exception e) {
                    return false;
                }
            });
            return opening || fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(fifo);
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (Exception e) {
            return false;
        }
    }
}
