package dev.gantry.cli.command;

import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.wiring.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where gantry keeps its files, who may read them, and what they hold. */
class GantryHomeTest {
    @TempDir Path dir;

    private static String perms(Path p) throws Exception { return PosixFilePermissions.toString(Files.getPosixFilePermissions(p)); }

    @Test void without_GANTRY_HOME_the_account_lives_under_HOME_not_the_passwd_home() throws Exception {
        Path home = dir.resolve("someone");
        CliRun r = CliRun.gantry(dir.resolve("unused"), Map.of("GANTRY_HOME", "", "HOME", home.toString()),
                "apply", "--simulate", "--yes", "-f", "templates/worker.yaml");
        assertThat(r.code()).as(r.err()).isZero();
        Path file = home.resolve(".gantry/simulated/us-east-1.json");
        assertThat(file).exists();
        assertThat(dir.resolve("unused")).doesNotExist();
        assertThat(perms(home.resolve(".gantry"))).isEqualTo("rwx------");
        assertThat(perms(home.resolve(".gantry/simulated"))).isEqualTo("rwx------");
        assertThat(perms(file)).isEqualTo("rw-------");
        assertThat(Session.Config.home(Map.of("GANTRY_HOME", "/g", "HOME", "/h"))).isEqualTo(Path.of("/g"));
    }

    @Test void files_an_older_gantry_left_readable_are_made_private() throws Exception {
        Path sim = Files.createDirectories(dir.resolve("simulated"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(sim, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRun first = CliRun.gantry(dir, Map.of(), "apply", "--simulate", "--yes", "-f", "templates/worker.yaml");
        assertThat(first.code()).isZero();
        Path file = sim.resolve("us-east-1.json");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(sim, PosixFilePermissions.fromString("rwxr-xr-x"));

        CliRun plan = CliRun.gantry(dir, Map.of(), "plan", "--simulate", "-f", "templates/worker.yaml");
        assertThat(plan.code()).isZero();
        assertThat(perms(dir)).isEqualTo("rwx------");
        assertThat(perms(sim)).isEqualTo("rwx------");
        assertThat(perms(file)).isEqualTo("rw-------");
    }

    @Test void the_saved_account_keeps_a_digest_of_a_secret_and_still_tells_a_changed_value() throws Exception {
        Path secret = dir.resolve("pw.txt");
        Files.writeString(secret, "correct-horse\n");
        CliRun apply = CliRun.gantry(dir, Map.of(), "apply", "--simulate", "--yes", "--secret", "DB_PASSWORD=@" + secret,
                "-f", "templates/web-https.yaml");
        assertThat(apply.code()).as(apply.err()).isZero();
        assertThat(Files.readString(dir.resolve("simulated/us-east-1.json"))).doesNotContain("correct-horse").contains("sha256:");

        // A later process knows only the digest: the same value is no change, another one is.
        CliRun same = CliRun.gantry(dir, Map.of("GANTRY_SECRET_DB_PASSWORD", "correct-horse"),
                "apply", "--simulate", "--yes", "-f", "templates/web-https.yaml");
        assertThat(same.code()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).contains("No changes");
        CliRun other = CliRun.gantry(dir, Map.of("GANTRY_SECRET_DB_PASSWORD", "battery-staple"),
                "apply", "--simulate", "--yes", "-f", "templates/web-https.yaml");
        assertThat(other.code()).as(other.out() + other.err()).isZero();
        // The new value is written, and the tasks restarted so they read it (issue 27).
        assertThat(other.out()).contains("~ parameter.DB_PASSWORD").contains("~ service.main").contains("2 updated").doesNotContain("battery-staple").doesNotContain("sha256:");
        assertThat(Files.readString(dir.resolve("simulated/us-east-1.json"))).doesNotContain("battery-staple");
    }

    @Test void an_empty_secret_file_name_is_an_input_error() {
        CliRun r = CliRun.gantry(dir, Map.of(), "apply", "--simulate", "--yes", "--secret", "DB_PASSWORD=@", "-f", "templates/web-https.yaml");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(r.err()).contains("DB_PASSWORD=@").contains("file name is missing");
        assertThat(dir.resolve("simulated")).doesNotExist();
    }

    @Test void a_device_as_the_spec_is_refused_at_once() {
        CliRun r = CliRun.gantry(dir, Map.of(), "apply", "--simulate", "--yes", "-f", "/dev/zero");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(r.err()).contains("/dev/zero").contains("not a regular file");
    }
}
