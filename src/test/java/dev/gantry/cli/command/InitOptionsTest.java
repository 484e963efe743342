package dev.gantry.cli.command;

import dev.gantry.wizard.Questions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** init's options are made from the questions: declared once, with the question, and still all there. */
class InitOptionsTest {
    /** What {@code gantry init --help} listed when every option was written out in InitCommand. */
    /** Which service the question flags are about (version 2): not answers, so not questions' flags. */
    private static final List<String> SERVICE_CHOICE = List.of("--service", "--add-service", "--kind", "--remove-service");
    private static final List<String> BEFORE = List.of("--allow-cidr", "--app", "--arch", "--autoscale", "--azs", "--build",
            "--certificate-arn", "--cidr", "--cluster", "--container-insights", "--count", "--cpu", "--dockerfile", "--domain",
            "--drain-seconds", "--endpoint-url", "--env", "--file", "--health-path", "--help", "--image", "--load-balancer",
            "--log-retention", "--max-percent", "--memory", "--min-healthy", "--nat", "--no-build", "--no-certificate",
            "--no-color", "--no-container-insights", "--no-dns", "--no-load-balancer", "--no-pin-digest", "--no-rollback",
            "--pin-digest", "--plain", "--port", "--private-subnets", "--profile", "--public-subnets", "--record", "--region",
            "--registry-secret", "--rollback", "--secret-param", "--simulate", "--version", "--vpc", "--vpc-id", "--yes", "--zone");

    @Test
    void theHelpListsEveryOptionItDidWhenTheyWereWrittenOut() {
        StringWriter out = new StringWriter();
        var cl = new CommandLine(new InitCommand());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--help")).isZero();
        var listed = new TreeSet<String>();
        out.toString().lines().map(String::strip).filter(l -> l.startsWith("-"))
                .forEach(l -> Arrays.stream(l.split("[ ,=]+")).filter(w -> w.startsWith("--")).findFirst().ifPresent(listed::add));
        // Every question's flags, and nothing else, joined the options init declares itself.
        var expected = new TreeSet<>(BEFORE);
        expected.addAll(SERVICE_CHOICE);
        Questions.all().forEach(q -> expected.addAll(q.flags()));
        assertThat(listed).containsExactlyElementsOf(expected);
        assertThat(out.toString()).contains("--nat=none|single|perAz", "--env=NAME=VALUE", "--public-subnets=SUBNET,…")
                .contains("Task memory in MiB (default: 512);");
    }

    @Test
    void initDeclaresNoOptionOfAQuestion() {
        var declared = Arrays.stream(InitCommand.class.getDeclaredFields()).filter(f -> f.isAnnotationPresent(CommandLine.Option.class))
                .flatMap(f -> Arrays.stream(f.getAnnotation(CommandLine.Option.class).names())).toList();
        var own = new java.util.ArrayList<>(List.of("-f", "--file", "-y", "--yes"));
        own.addAll(SERVICE_CHOICE);
        assertThat(declared).containsExactlyInAnyOrderElementsOf(own);
    }

    @Test
    void aRepeatedFlagGivesEveryValueAndASwitchItsAnswer() {
        var cmd = new InitCommand();
        new CommandLine(cmd).parseArgs("--env", "A=1", "--env", "B=2", "--no-dns", "--port", "8080");
        assertThat(cmd.flags()).containsEntry("--env", List.of("A=1", "B=2")).containsEntry("--no-dns", List.of("true"))
                .containsEntry("--port", List.of("8080")).doesNotContainKey("--rollback");
    }

    @Test
    void flagsReadTogetherAndImpliedSwitchesAreDeclaredWithTheirQuestion() {
        var cmd = new InitCommand();
        new CommandLine(cmd).parseArgs("--app", "hello", "--memory", "1024", "--dockerfile", "docker/Dockerfile.prod");
        var flow = new dev.gantry.wizard.WizardFlow(dev.gantry.wizard.LookupResults.offline());
        assertThat(flow.applyFlags(cmd.flags())).isEmpty();
        assertThat(flow.get("task.size")).isEqualTo("256/1024");
        assertThat(flow.get("task.source")).isEqualTo("build");

        var both = new InitCommand();
        new CommandLine(both).parseArgs("--app", "hello", "--no-build", "--dockerfile", "docker/Dockerfile.prod", "--cpu", "3");
        assertThat(new dev.gantry.wizard.WizardFlow(dev.gantry.wizard.LookupResults.offline()).applyFlags(both.flags()))
                .contains("--build and --no-build say opposite things; give one of them")
                .anyMatch(e -> e.startsWith("--cpu 3: task.cpu: "));
    }
}
