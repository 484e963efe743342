package dev.gantry.cli.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** plan -o, show and apply PLAN through the real command line, on the simulated AWS. */
class SavedPlanCommandTest {
    @TempDir Path home;
    @TempDir Path dir;

    CliRun gantry(String... args) { return CliRun.gantry(home, Map.of(), args); }

    Path spec() throws Exception {
        Path spec = dir.resolve("gantry.yaml");
        if (!Files.exists(spec)) Files.copy(Path.of("templates/worker.yaml"), spec);
        return spec;
    }

    @Test void plan_o_then_show_then_apply_the_file() throws Exception {
        Path plan = dir.resolve("plan.json");
        CliRun saved = gantry("plan", "--simulate", "-f", spec().toString(), "-o", plan.toString());
        assertThat(saved.code()).as(saved.out() + saved.err()).isZero();
        assertThat(saved.err()).contains("Saved the plan to " + plan).contains("gantry apply --simulate " + plan);
        assertThat(Files.readString(plan)).contains("\"format\" : \"gantry-plan/1\"").contains("\"app\" : \"worker\"");

        CliRun show = gantry("show", plan.toString());
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("Saved plan for worker in us-east-1").contains("(simulated AWS)")
                .contains("service.main").contains("task-definition.main");
        CliRun json = gantry("show", "--output", "json", plan.toString());
        assertThat(json.out()).contains("\"schemaVersion\"").contains("\"hasChanges\" : true");

        // No question: the plan was reviewed when it was saved.
        CliRun apply = gantry("apply", "--simulate", plan.toString());
        assertThat(apply.code()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("Apply complete");
        CliRun after = gantry("plan", "--simulate", "--detailed-exitcode", "-f", spec().toString());
        assertThat(after.code()).as(after.out()).isZero();

        // Applied once, the same file is out of date: what it would create exists now.
        CliRun again = gantry("apply", "--simulate", plan.toString());
        assertThat(again.code()).as(again.out() + again.err()).isEqualTo(2);
        assertThat(again.out() + again.err()).contains("saved plan is out of date").contains("cluster.main: the saved plan would create it; now the plan would leave it").contains("… and 9 more")
                .contains("continue with:\n  gantry plan -f").contains("-o " + plan).doesNotContain("No changes");
    }

    @Test void a_spec_edited_after_the_plan_was_saved_is_refused_before_any_aws_call() throws Exception {
        Path plan = dir.resolve("plan.json");
        assertThat(gantry("plan", "--simulate", "-f", spec().toString(), "-o", plan.toString()).code()).isZero();
        Files.writeString(spec(), Files.readString(spec()).replace("QUEUE_NAME: jobs", "QUEUE_NAME: other"));
        Path account = home.resolve("simulated/us-east-1.json");
        byte[] before = Files.exists(account) ? Files.readAllBytes(account) : null;

        CliRun r = gantry("apply", "--simulate", plan.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("saved plan is out of date").contains("gantry.yaml changed since the plan was saved");
        assertThat(Files.exists(account) ? Files.readAllBytes(account) : null).isEqualTo(before);
    }

    @Test void a_plan_made_on_the_simulated_aws_is_not_applied_to_a_real_account() throws Exception {
        Path plan = dir.resolve("plan.json");
        assertThat(gantry("plan", "--simulate", "-f", spec().toString(), "-o", plan.toString()).code()).isZero();
        CliRun r = gantry("apply", plan.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("was made on the simulated AWS").contains("add --simulate");
    }

    @Test void what_is_not_a_saved_plan_is_refused_with_exit_2() throws Exception {
        CliRun missing = gantry("show", dir.resolve("nope.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file").contains("gantry plan -o");
        CliRun yaml = gantry("apply", "--simulate", spec().toString());
        assertThat(yaml.code()).isEqualTo(2);
        assertThat(yaml.err()).contains("is not a plan saved by gantry").contains("-f");
        Path plan = dir.resolve("plan.json");
        assertThat(gantry("plan", "--simulate", "-f", spec().toString(), "-o", plan.toString()).code()).isZero();
        Files.writeString(plan, Files.readString(plan).replaceFirst("\"service.main\" : \"CREATE:[0-9a-f]+\"", "\"service.main\" : \"NOOP:00\""));
        CliRun edited = gantry("show", plan.toString());
        assertThat(edited.code()).isEqualTo(2);
        assertThat(edited.err()).contains("edited after it was saved");
    }
}
