package dev.gantry.cli.command;

import dev.gantry.cli.edge.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** plan, apply and destroy through the real command line, on the simulated AWS. */
class ApplyCommandTest {
    @TempDir Path home;

    Run gantry(Map<String, String> extraEnv, String... args) {
        CliRun r = CliRun.gantry(home, extraEnv, args);
        return new Run(r.code(), r.out(), r.err());
    }

    record Run(int code, String out, String err) {}

    @Test void apply_plan_destroy_on_the_simulated_aws_through_the_command_line() {
        Run apply = gantry(Map.of(), "apply", "--simulate", "--yes", "-f", "templates/web-https.yaml");
        assertThat(apply.code()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("Apply complete").contains("https://hello.example.com");
        // Said once, though both the command (--simulate) and the run's clock know it is simulated.
        assertThat(apply.out()).containsOnlyOnce("of simulated time:");
        // No value was given: a rehearsal stores a placeholder and says so, never printing a value.
        assertThat(apply.err()).contains("no value for secret DB_PASSWORD").doesNotContain("simulated-placeholder");
        assertThat(home.resolve("simulated/us-east-1.json")).exists();

        Run plan = gantry(Map.of(), "plan", "--simulate", "--detailed-exitcode", "-f", "templates/web-https.yaml");
        assertThat(plan.code()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("No changes");
        // The placeholder is only for a parameter that does not exist: a re-apply keeps the stored value.
        Run again = gantry(Map.of(), "apply", "--simulate", "--yes", "-f", "templates/web-https.yaml");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("No changes");
        assertThat(again.err()).doesNotContain("no value for secret");

        Run json = gantry(Map.of(), "destroy", "--simulate", "--yes", "--output", "json", "-f", "templates/web-https.yaml");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out().lines()).allMatch(l -> l.startsWith("{") && l.endsWith("}"));
        assertThat(json.out()).contains("\"type\":\"finished\"");

        Run after = gantry(Map.of(), "plan", "--simulate", "--detailed-exitcode", "-f", "templates/web-https.yaml");
        assertThat(after.code()).isEqualTo(ExitCode.CHANGES_PENDING.code());
    }

    @Test void the_command_to_continue_a_failed_apply_keeps_skip_image_check() throws Exception {
        Path file = home.resolve("gantry.yaml");
        Files.writeString(file, Files.readString(Path.of("templates/web-https.yaml")).replace("nginx/nginx:1.27", "nginx/nginx:crash"));
        Run r = gantry(Map.of(), "apply", "--simulate", "--yes", "--plain", "--skip-image-check", "-f", file.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out() + r.err()).containsPattern("continue with:\\n  gantry apply [^\\n]*--skip-image-check");
    }

    @Test void a_secret_value_on_the_command_line_is_refused_before_anything_happens() {
        Run r = gantry(Map.of(), "apply", "--simulate", "--yes", "--secret", "DB_PASSWORD=hunter2", "-f", "templates/web-https.yaml");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(r.err()).contains("would show in ps and shell history").doesNotContain("hunter2");
        assertThat(home.resolve("simulated")).doesNotExist();
    }

    @Test void a_secret_from_a_file_is_stored_and_never_printed() throws Exception {
        Path secret = home.resolve("pw.txt");
        Files.writeString(secret, "correct-horse\n");
        Run r = gantry(Map.of(), "apply", "--simulate", "--yes", "--plain", "--secret", "DB_PASSWORD=@" + secret, "-f", "templates/web-https.yaml");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out() + r.err()).doesNotContain("correct-horse").doesNotContain("no value for secret");
    }

    @Test void an_image_that_cannot_be_pulled_stops_plan_and_apply_with_exit_2_and_nothing_changed() throws Exception {
        Path spec = home.resolve("gantry.yaml");
        Files.writeString(spec, Files.readString(Path.of("templates/worker.yaml"))
                .replace("public.ecr.aws/docker/library/busybox:1.36", "public.ecr.aws/docker/library/busybox:1.36-arm64-only")
                .replace("architecture: arm64", "architecture: x86_64"));
        Run plan = gantry(Map.of(), "plan", "--simulate", "-f", spec.toString());
        assertThat(plan.code()).as(plan.err()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(plan.err()).contains("no manifest for linux/amd64 (architecture: x86_64)").contains("set task.architecture: arm64");
        Run apply = gantry(Map.of(), "apply", "--simulate", "--yes", "-f", spec.toString());
        assertThat(apply.code()).as(apply.out() + apply.err()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(apply.out() + apply.err()).contains("set task.architecture: arm64");
        assertThat(Files.readString(home.resolve("simulated/us-east-1.json"))).doesNotContain("gantry:app");
        // Air-gapped: the check is skipped, and the rollout is what finds the mismatch.
        Run skipped = gantry(Map.of(), "plan", "--simulate", "--skip-image-check", "-f", spec.toString());
        assertThat(skipped.code()).as(skipped.err()).isZero();
    }

    @Test void apply_pin_digest_writes_the_digest_into_the_task_definition() {
        Run apply = gantry(Map.of(), "apply", "--simulate", "--yes", "--pin-digest", "-f", "templates/worker.yaml");
        assertThat(apply.code()).as(apply.out() + apply.err()).isZero();
        Run plan = gantry(Map.of(), "plan", "--simulate", "--detailed-exitcode", "-f", "templates/worker.yaml");
        assertThat(plan.code()).as(plan.out() + plan.err()).isZero();
        Run status = gantry(Map.of(), "status", "--simulate", "-f", "templates/worker.yaml");
        assertThat(status.out()).containsPattern("Image +public.ecr.aws/docker/library/busybox:1.36@sha256:[0-9a-f]{64} · runs sha256:");
    }

    @Test void without_a_terminal_apply_needs_yes() {
        Run r = gantry(Map.of(), "apply", "--simulate", "-f", "templates/worker.yaml");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(r.err()).contains("--yes");
    }

    @Test void a_region_flag_that_contradicts_the_spec_is_an_input_error() {
        Run r = gantry(Map.of(), "plan", "--simulate", "--region", "eu-west-1", "-f", "templates/worker.yaml");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(r.err()).contains("region").contains("eu-west-1");
    }

    @Test void a_draft_saved_by_the_wizard_is_refused_by_validate_plan_and_apply_without_touching_aws() throws Exception {
        java.nio.file.Path draft = home.resolve("gantry.yaml");
        java.nio.file.Files.writeString(draft, "# DRAFT written by gantry init: not a complete spec yet.\n"
                + "# Continue with: gantry init -f " + draft + "\nversion: 1\napp: hello\n");
        for (String command : java.util.List.of("validate", "plan", "apply")) {
            Run r = command.equals("validate") ? gantry(Map.of(), command, "-f", draft.toString())
                    : command.equals("plan") ? gantry(Map.of(), command, "--simulate", "-f", draft.toString())
                    : gantry(Map.of(), command, "--simulate", "--yes", "-f", draft.toString());
            assertThat(r.code()).as(command + r.out() + r.err()).isEqualTo(ExitCode.INVALID_INPUT.code());
            assertThat(r.err()).as(command).contains("unfinished draft").contains("finish it with gantry init -f " + draft);
        }
        assertThat(home.resolve("simulated/us-east-1.json")).doesNotExist();
    }
}
