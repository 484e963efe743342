package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;
import dev.gantry.cli.edge.ExitCode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code gantry completion bash|zsh|fish}: every command and option, fixed values, files. */
class CompletionCommandTest {
    private String script(String shell) {
        Captured io = new Captured(Map.of());
        assertThat(io.gantry("completion", shell)).isZero();
        assertThat(io.err()).isEmpty();
        return io.out();
    }

    /** Every command of the full model, with its path of subcommand words, and its options. */
    private static List<CommandSpec> everyCommand(CommandSpec spec, List<CommandSpec> into) {
        into.add(spec);
        for (CommandLine sub : spec.subcommands().values()) everyCommand(sub.getCommandSpec(), into);
        return into;
    }

    private static List<CommandSpec> model() {
        return everyCommand(Commands.eager(new Captured(Map.of()).context).getCommandSpec(), new ArrayList<>());
    }

    @Test
    void everyScriptNamesEveryCommandAndEveryOption() {
        for (String shell : List.of("bash", "zsh", "fish")) {
            String script = script(shell);
            int options = 0;
            for (CommandSpec c : model()) {
                assertThat(script).as(shell + ": " + c.qualifiedName()).contains(c.name());
                for (OptionSpec o : c.options()) {
                    for (String name : o.names()) {
                        String written = shell.equals("fish")
                                ? (name.startsWith("--") ? "-l " + name.substring(2) : "-s " + name.substring(1))
                                : name;
                        assertThat(script).as(shell + ": " + c.qualifiedName() + " " + name).contains(written);
                        options++;
                    }
                }
            }
            assertThat(options).as("the model has options").isGreaterThan(100);
            assertThat(script).contains("completion", "secrets", "set", "list");
        }
    }

    @Test
    void fishScriptTiesEachOptionToItsCommandAndOffersFixedValuesAndFiles() {
        String fish = script("fish");
        assertThat(fish).contains("complete -c gantry -n '__fish_use_subcommand' -a 'plan'")
                .contains("complete -c gantry -n '__fish_seen_subcommand_from plan' -l output -x -a 'text json'")
                .contains("complete -c gantry -n '__fish_seen_subcommand_from init' -l nat -x -a 'none single perAz'")
                .contains("complete -c gantry -n '__fish_seen_subcommand_from plan' -s f -l file -r -F")
                .contains("complete -c gantry -n '__fish_seen_subcommand_from secrets; and __fish_seen_subcommand_from set' -l value-file -r -F")
                .contains("complete -c gantry -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'")
                .contains("-d 'Print the service\\'s container output, task by task.'");
        // no option of apply's is offered after plan
        assertThat(fish).doesNotContain("__fish_seen_subcommand_from plan' -l allow-replace");
    }

    @Test
    void zshRunsTheBashScriptThroughItsCompatibilityAndSaysHowToLoadIt() {
        String zsh = script("zsh");
        assertThat(zsh).startsWith("#!/usr/bin/env zsh").contains("bashcompinit", "source <(gantry completion zsh)")
                .doesNotContain("bash_profile");
        assertThat(script("bash")).contains("source <(gantry completion bash)");
    }

    @Test
    void anUnknownShellIsAUsageErrorNamingTheThree() {
        Captured io = new Captured(Map.of());
        assertThat(io.gantry("completion", "tcsh")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(io.err()).contains("bash", "zsh", "fish");
    }

    @Test
    void installShSaysHowToTurnItOn() throws IOException {
        assertThat(Files.readString(Path.of("install.sh"))).contains("gantry completion bash", "gantry completion zsh", "gantry completion fish");
    }

    /** What bash itself completes with the script loaded, for the words typed so far. */
    private static String bashCompletes(Path script, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String w : words) array.append(" '").append(w).append('\'');
        String run = "source " + script + " 2>/dev/null; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _complete_gantry gantry 2>/dev/null; echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", run).directory(script.getParent().toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void bashCompletesCommandsOptionsValuesAndFiles() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "bash is installed");
        Path dir = Files.createTempDirectory("completion");
        Path script = dir.resolve("gantry.bash");
        Files.writeString(script, script("bash"));
        Files.writeString(dir.resolve("web.yaml"), "");
        assertThat(bashCompletes(script, "gantry", "")).isEqualTo(String.join(" ", Commands.ALL.stream().map(Commands.Sub::name).toList()));
        assertThat(bashCompletes(script, "gantry", "plan", "--outp")).isEqualTo("--output");
        assertThat(bashCompletes(script, "gantry", "plan", "--output", "")).isEqualTo("text json");
        assertThat(bashCompletes(script, "gantry", "init", "--vpc", "")).isEqualTo("new default existing");
        assertThat(bashCompletes(script, "gantry", "secrets", "")).isEqualTo("set list");
        assertThat(bashCompletes(script, "gantry", "apply", "-f", "we")).isEqualTo("web.yaml");
        assertThat(bashCompletes(script, "gantry", "completion", "")).isEqualTo("bash zsh fish");
    }
}
