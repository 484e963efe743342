package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;
import dev.gantry.spec.Guard;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.wizard.Lookups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** --alert-email, --no-alerts, --guard and --guard-every: what they write, refuse and change in an edit. */
class InitAlertsGuardFlagsTest {
    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    private Result run(String... args) {
        Captured io = new Captured(Map.of("TERM", "xterm-256color"), "");
        int code = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> io.run(new InitCommand(io.context,
                (region, profile, endpoint) -> new Lookups.Offline("test: offline")), args));
        return new Result(code, io.out(), io.err());
    }

    @Test
    void alertEmailAndGuardRepairWriteBothSections() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Result r = run("-f", file.toString(), "--app", "hello", "--image", "nginx:1.27", "--alert-email", "a@b.c", "--guard", "repair", "-y");
        assertThat(r.code()).as(r.err()).isZero();
        String yaml = Files.readString(file);
        assertThat(yaml).contains("alerts:\n  email: [a@b.c]\n").contains("guard:\n  every: 5m\n  repair: safe\n");
        Spec spec = SpecLoader.load(file);
        assertThat(spec.alerts().email()).containsExactly("a@b.c");
        assertThat(spec.alerts().rollback()).isTrue();
        assertThat(spec.guard()).isEqualTo(new Guard(5, Guard.Repair.SAFE));
    }

    @Test
    void byDefaultNeitherAlertsNorGuard() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        assertThat(run("-f", file.toString(), "--app", "hello", "--image", "nginx:1.27", "-y").code()).isZero();
        Spec spec = SpecLoader.load(file);
        assertThat(spec.alerts()).isNull();
        assertThat(spec.guard()).isNull();
        assertThat(Files.readString(file)).doesNotContain("alerts:").doesNotContain("guard:");
    }

    @Test
    void severalAddressesAReportingGuardAndItsPeriod() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Result r = run("-f", file.toString(), "--app", "hello", "--image", "nginx:1.27", "--alert-email", "ops@example.com",
                "--alert-email", "oncall@example.com", "--guard", "report", "--guard-every", "1h", "-y");
        assertThat(r.code()).as(r.err()).isZero();
        Spec spec = SpecLoader.load(file);
        assertThat(spec.alerts().email()).containsExactly("ops@example.com", "oncall@example.com");
        assertThat(spec.guard()).isEqualTo(new Guard(60, Guard.Repair.REPORT));
        assertThat(Files.readString(file)).contains("  every: 1h\n  repair: report\n");
    }

    @Test
    void badValuesExitTwoWithTheSpecsWordsAndWriteNothing() {
        Path file = dir.resolve("gantry.yaml");
        Result email = run("-f", file.toString(), "--app", "hello", "--alert-email", "ops.example.com", "-y");
        assertThat(email.code()).isEqualTo(2);
        assertThat(email.err()).contains("--alert-email").contains("alerts.email: 'ops.example.com' is not an email address");
        Result often = run("-f", file.toString(), "--app", "hello", "--guard", "repair", "--guard-every", "1m", "-y");
        assertThat(often.code()).isEqualTo(2);
        assertThat(often.err()).contains("guard.every: every must be between 5m and 1d, got 1m");
        Result mode = run("-f", file.toString(), "--app", "hello", "--guard", "safe", "-y");
        assertThat(mode.code()).isEqualTo(2);
        assertThat(mode.err()).contains("guard: must be one of off, report, repair");
        // A period for a guard that is off means nothing: refused, not dropped.
        Result offPeriod = run("-f", file.toString(), "--app", "hello", "--guard-every", "10m", "-y");
        assertThat(offPeriod.code()).isEqualTo(2);
        assertThat(offPeriod.err()).contains("--guard-every");
        Result both = run("-f", file.toString(), "--app", "hello", "--alert-email", "a@b.c", "--no-alerts", "-y");
        assertThat(both.code()).isEqualTo(2);
        assertThat(file).doesNotExist();
    }

    @Test
    void anEditChangesTheGuardAndKeepsTheCommentsAndThresholds() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        assertThat(run("-f", file.toString(), "--app", "hello", "--image", "nginx:1.27", "--alert-email", "a@b.c", "--guard", "repair", "-y").code()).isZero();
        String mine = Files.readString(file)
                .replace("alerts:\n", "# paged by the on-call rota\nalerts:\n")
                .replace("  cpuPercent: 80\n", "  cpuPercent: 90 # batch jobs run hot\n")
                .replace("guard:\n", "# the guard: see the runbook\nguard:\n");
        Files.writeString(file, mine);
        Result r = run("-f", file.toString(), "--guard", "report", "--guard-every", "15m", "-y");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("-   every: 5m").contains("+   every: 15m").contains("-   repair: safe").contains("+   repair: report");
        String after = Files.readString(file);
        assertThat(after).contains("# paged by the on-call rota\nalerts:\n").contains("  cpuPercent: 90 # batch jobs run hot\n")
                .contains("# the guard: see the runbook\nguard:\n  every: 15m\n  repair: report\n");
        assertThat(SpecLoader.load(file).alerts().cpuPercent()).isEqualTo(90);

        // Turning both off removes the sections, and says which comments of yours went with them.
        Result off = run("-f", file.toString(), "--no-alerts", "--guard", "off", "-y");
        assertThat(off.code()).as(off.err()).isZero();
        assertThat(off.out()).contains("\"# paged by the on-call rota\" (alerts)").contains("\"# the guard: see the runbook\" (guard)");
        Spec spec = SpecLoader.load(file);
        assertThat(spec.alerts()).isNull();
        assertThat(spec.guard()).isNull();
        assertThat(List.of(Files.readString(file).split("\n"))).noneMatch(l -> l.startsWith("alerts:") || l.startsWith("guard:"));
    }
}
