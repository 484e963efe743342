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

/** A job that cannot send Ctrl-C stops apply with SIGTERM just as cleanly: in a real process, with a real signal. */
@DisabledOnOs(OS.WINDOWS)
class SigtermTest {
    @TempDir Path home;

    @Test void sigterm_stops_apply_releases_the_lock_and_exits_143() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.gantry.Main",
                "apply", "--simulate", "--yes", "--plain", "-f", "templates/web-https.yaml");
        pb.environment().put("GANTRY_HOME", home.toString());
        pb.environment().put("GANTRY_SIM_SPEED", "5"); // slow enough to be mid-apply when the signal comes
        pb.environment().put("TERM", "dumb");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        StringBuilder seen = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.contains("nat-gateway.nat-0") && line.contains("…")) break; // changes are under way
            }
            p.toHandle().destroy(); // SIGTERM, keeping the output stream open (Process.destroy closes it)
            for (String line; (line = out.readLine()) != null; ) seen.append(line).append('\n');
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(seen.toString()).isTrue();
        assertThat(p.exitValue()).as(seen.toString()).isEqualTo(ExitCode.TERMINATED.code());
        assertThat(seen.toString()).contains("Stopping after the calls in flight").contains("To continue where it stopped")
                .contains("because it received SIGTERM").doesNotContain("pressed Ctrl-C");
        // The lock went with the run, and the next apply continues without --force-unlock.
        assertThat(Files.readString(home.resolve("simulated/us-east-1.json"))).doesNotContain("/gantry/locks/");
        CliRun again = CliRun.gantry(home, Map.of(), "apply", "--simulate", "--yes", "-f", "templates/web-https.yaml");
        assertThat(again.code()).as(again.out() + again.err()).isZero();
    }
}
