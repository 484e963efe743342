package dev.gantry.cli.command;

import dev.gantry.cli.wiring.SimAccount;
import dev.gantry.cli.wiring.ViewSwitch;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineOptions;
import dev.gantry.engine.Lock;
import dev.gantry.engine.LockHolder;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.spec.Spec;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.NextCommands;
import dev.gantry.ui.Operation;
import dev.gantry.ui.SummaryText;
import dev.gantry.ui.line.LineProgress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gantry commands the core suggests (fixes, lock messages, drift) reach the user with the
 * options that were given, on the simulated AWS, as the CLI wires them.
 */
class SuggestedCommandsTest {
    static final String GIVEN = " -f 'my app.yaml' --simulate --region us-east-1";
    final Spec spec = AppContextWorld.template("web-https.yaml");
    final Operation op = Operation.apply(spec.app(), spec.region()).withOptions(GIVEN);

    @Test void completes_quoted_commands_once_and_leaves_descriptions_alone() {
        String text = "held by gantry apply (run 1a2b); run 'gantry apply --force-unlock', then 'gantry status'; see 'gantry logs'";
        String done = NextCommands.complete(text, GIVEN);
        assertThat(done).isEqualTo("held by gantry apply (run 1a2b); run 'gantry apply" + GIVEN + " --force-unlock', then 'gantry status"
                + GIVEN + "'; see 'gantry logs" + GIVEN + "'");
        assertThat(NextCommands.complete(done, GIVEN)).isEqualTo(done);
        assertThat(NextCommands.complete(text, "")).isEqualTo(text);
    }

    @Test void a_failed_rollout_suggests_commands_with_the_options_in_the_lines_and_the_summary() {
        Spec crashing = AppContextWorld.withImage(spec, "public.ecr.aws/nginx/nginx:1.27-crash");
        AppContextWorld w = new AppContextWorld();
        w.world.state.region = crashing.region();
        SimAccount.prepare(w.world, crashing);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        ViewSwitch views = new ViewSwitch(new LineProgress(op, new PrintStream(lines, true, StandardCharsets.UTF_8), Ansi.NONE, w.time), op);

        ApplyResult r = new Engine(Catalog.standard(), w.aws, w.time, name -> Optional.of("v".toCharArray()), views)
                .apply(crashing, dev.gantry.engine.TestOptions.yes("gantry apply" + GIVEN));

        assertThat(r.outcome()).isEqualTo(ApplyResult.Outcome.ROLLOUT_FAILED);
        String log = lines.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("fix: see its output: 'gantry logs" + GIVEN + "'");
        assertThat(log).doesNotContain("'gantry logs'");
        assertThat(SummaryText.render(op, r, null, Ansi.NONE)).contains("'gantry logs" + GIVEN + "'").doesNotContain("'gantry logs'");
    }

    @Test void a_held_lock_suggests_force_unlock_with_the_options() {
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        new Lock(w.aws.ssm(), "hello").acquire(new LockHolder("0123456789abcdef", "apply", "ci", "runner",
                "boot-1", "pid:[1]", 7, Instant.EPOCH, w.time.now()));
        w.aws.logs().deleteLogGroup(b -> b.logGroupName("/gantry/hello")); // so there is something to apply

        ApplyResult r = w.apply(spec);

        String summary = SummaryText.render(op, r, null, Ansi.NONE);
        assertThat(summary).contains("run 'gantry apply" + GIVEN + " --force-unlock'")
                // the holder's own command is a description, not a suggestion
                .contains("gantry apply (run 01234567) by ci on runner");
        // --output json's last line carries the same completed command
        assertThat(NextCommands.complete(new dev.gantry.engine.ApplyEvent.Finished(r.elapsed(), r), GIVEN))
                .extracting(e -> ((dev.gantry.engine.ApplyEvent.Finished) e).result().failures().get(0)).asString()
                .contains("run 'gantry apply" + GIVEN + " --force-unlock'");
    }

    @Test void status_drift_and_the_secrets_lock_suggest_commands_with_the_options() {
        AppContextWorld w = new AppContextWorld();
        w.options = GIVEN;
        w.applied(spec);
        w.aws.logs().deleteLogGroup(b -> b.logGroupName("/gantry/hello"));

        w.run(spec, d -> StatusCommand.run(d, false, true));

        assertThat(w.out()).contains("— 'gantry apply" + GIVEN + "' recreates it")
                .contains("(what 'gantry apply" + GIVEN + "' would change; 'gantry plan" + GIVEN + "' shows every field)");
        w.streams.clear();
        w.run(spec, d -> StatusCommand.run(d, true, false));
        assertThat(w.out()).contains("'gantry apply" + GIVEN + "' recreates it");

        new Lock(w.aws.ssm(), "hello").acquire(new LockHolder("0123456789abcdef", "apply", "ci", "runner",
                "boot-1", "pid:[1]", 7, Instant.EPOCH, w.time.now()));
        w.run(spec, d -> SecretsSetCommand.run(d, "DB_PASSWORD", "s3cret-value".toCharArray(), false, new java.util.concurrent.CompletableFuture<>()));
        assertThat(w.err()).contains("(if it died: 'gantry apply" + GIVEN + " --force-unlock')");
    }
}
