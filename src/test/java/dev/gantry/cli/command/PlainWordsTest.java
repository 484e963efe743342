package dev.gantry.cli.command;

import dev.gantry.aws.AwsErrors;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Action;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Plan;
import dev.gantry.spec.Counted;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.Fixtures;
import dev.gantry.ui.Operation;
import dev.gantry.ui.SummaryText;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What gantry says is true: issue 18's wording list. */
class PlainWordsTest {
    private static ApplyResult result(ApplyResult.Outcome outcome, ApplyResult.Exit exit, int deleted, int skipped, List<String> failures) {
        return new ApplyResult(outcome, exit, 0, 0, 0, deleted, 0, skipped, Duration.ofSeconds(279), null, failures, null, "gantry destroy");
    }

    @Test
    void anInterruptedDestroySaysWhatWasHeldBackWasStoppedNotThatSomethingFailed() {
        String text = SummaryText.render(Operation.destroy("hello", "us-east-1"),
                result(ApplyResult.Outcome.INTERRUPTED, ApplyResult.Exit.INTERRUPTED, 3, 26, List.of()), null, Ansi.NONE);
        assertThat(text).contains("26 not started because the run was stopped").doesNotContain("something it needs failed");
    }

    @Test
    void destroysQuestionNamesWhatCannotBeGotBackAndTheFlagsThatKeepIt() {
        Plan all = new Plan("hello", List.of(
                Fixtures.change("parameter.DB_PASSWORD", Action.DELETE, Piece.SECRETS, "SecureString /hello/db", "destroy"),
                Fixtures.change("log-group.main", Action.DELETE, Piece.LOGS, "log group /gantry/hello", "destroy")), List.of());
        assertThat(DestroyCommand.question(all)).isEqualTo("This also deletes, for good, the secrets' stored values (--keep-secrets keeps them)"
                + " and the containers' logs (--keep-logs keeps them). Destroy all of these?");
        Plan kept = new Plan("hello", List.of(Fixtures.change("vpc.main", Action.DELETE, Piece.NETWORK, "VPC", "destroy")), List.of());
        assertThat(DestroyCommand.question(kept)).isEqualTo("Destroy all of these?");
    }

    @Test
    void oneIsSingular(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(Counted.of(1, "day")).isEqualTo("1 day");
        assertThat(Counted.of(2, "task")).isEqualTo("2 tasks");
        assertThat(Counted.of(0, "service")).isEqualTo("0 services");
        Path one = dir.resolve("gantry.yaml");
        java.nio.file.Files.writeString(one, java.nio.file.Files.readString(Path.of("templates/worker.yaml")).replace("retentionDays: 30", "retentionDays: 1"));
        dev.gantry.spec.Spec spec = dev.gantry.spec.yaml.SpecLoader.load(one);
        assertThat(dev.gantry.spec.SpecSummary.describe(spec)).contains("Logs are kept 1 day.");
        var graph = dev.gantry.resources.catalog.Catalog.expand(spec);
        assertThat(graph).extracting(d -> d.description()).contains("log group /gantry/" + spec.app() + " (1 day)")
                .anySatisfy(d -> assertThat(d).endsWith(", 1 task"));
    }

    /** An execution role is said to read secrets only when its service has some (web-api-worker: api and worker do, web not). */
    @Test
    void anExecutionRoleReadsSecretsOnlyInWordsWhenItDoes() throws Exception {
        dev.gantry.spec.Spec spec = dev.gantry.spec.yaml.SpecLoader.load(Path.of("templates/web-api-worker.yaml"));
        var words = new java.util.TreeMap<String, String>();
        for (var d : dev.gantry.resources.catalog.Catalog.expand(spec)) words.put(d.address().toString(), d.description());
        assertThat(words.get("role.web-execution")).isEqualTo("role ECS uses to pull the image and write logs for web");
        assertThat(words.get("role.api-execution")).isEqualTo("role ECS uses to pull the image, write logs and read the secrets of api");
        assertThat(words.get("role.worker-execution")).isEqualTo("role ECS uses to pull the image, write logs and read the secrets of worker");
    }

    @Test
    void aSecretFileThatCannotBeReadSaysWhy(@org.junit.jupiter.api.io.TempDir Path dir) {
        List<String> problems = new ArrayList<>();
        SecretInputs.parse(List.of("DB_PASSWORD=@" + dir.resolve("nofile"), "DB_PASSWORD=@" + dir), Set.of("DB_PASSWORD"), problems);
        assertThat(problems.get(0)).endsWith("nofile: there is no such file");
        assertThat(problems.get(1)).endsWith(": it is a directory, not a file");
    }

    @Test
    void missingCredentialsNameNoResourceType() {
        var f = AwsErrors.translate("reading the app's nat-gateway resources",
                SdkClientException.create("Unable to load credentials from any of the providers in the chain"));
        assertThat(f.getMessage()).startsWith("no AWS credentials found").doesNotContain("nat-gateway");
    }

    @Test
    void simulatedDurationsAreLabelledSimulated() {
        ApplyResult done = new ApplyResult(ApplyResult.Outcome.SUCCEEDED, ApplyResult.Exit.OK, 25, 0, 0, 0, 0, 0,
                Duration.ofSeconds(279), null, List.of(), null, null);
        assertThat(SummaryText.render(Operation.apply("hello", "us-east-1").withOptions(" -f gantry.yaml --simulate"), done, null, Ansi.NONE))
                .contains("Apply complete in 4m39s of simulated time");
        assertThat(SummaryText.render(Operation.apply("hello", "us-east-1").withOptions(" -f gantry.yaml"), done, null, Ansi.NONE))
                .contains("Apply complete in 4m39s:");
    }

    @Test
    void plainProgressOnTheSimulatedAwsSaysItsTimesAreSimulated() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        var p = new dev.gantry.ui.line.LineProgress(Operation.apply("hello", "us-east-1").withOptions(" -f gantry.yaml --simulate"),
                new java.io.PrintStream(out, true), Ansi.NONE, new Fixtures.Clock());
        p.on(new dev.gantry.engine.ApplyEvent.Planned(Duration.ZERO, Fixtures.plan()));
        assertThat(out.toString()).contains("(times are simulated AWS time");
        java.io.ByteArrayOutputStream real = new java.io.ByteArrayOutputStream();
        new dev.gantry.ui.line.LineProgress(Operation.apply("hello", "us-east-1"), new java.io.PrintStream(real, true), Ansi.NONE, new Fixtures.Clock())
                .on(new dev.gantry.engine.ApplyEvent.Planned(Duration.ZERO, Fixtures.plan()));
        assertThat(real.toString()).doesNotContain("simulated");
    }

    @Test
    void aRefusedReplacementIsAPlainRefusalNamingTheFlag() {
        ApplyResult refused = new ApplyResult(ApplyResult.Outcome.FAILED, ApplyResult.Exit.INVALID_INPUT, 0, 0, 0, 0, 0, 0,
                Duration.ZERO, null, List.of("vpc.main would be destroyed and recreated; If that is what you want, run 'gantry apply --allow-replace'."), null, "gantry apply");
        String text = SummaryText.render(Operation.apply("hello", "us-east-1").withOptions(" -f gantry.yaml --simulate"), refused, null, Ansi.NONE);
        assertThat(text).startsWith("✗ Apply refused; nothing was changed:")
                .contains("run 'gantry apply -f gantry.yaml --simulate --allow-replace'")
                .doesNotContain("failed after", "continue with");
        assertThat(ExitCode.of(refused.exit())).isEqualTo(ExitCode.INVALID_INPUT);
    }
}
