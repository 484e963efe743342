package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;
import dev.gantry.cli.edge.ExitCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** -f and --output are declared once and read alike by every command that takes them. */
class OptionMixinsTest {
    private Captured io = new Captured(Map.of());

    private int run(String... args) {
        return io.gantry(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "apply", "destroy", "status"})
    void aBadOutputIsAUsageErrorBeforeAnythingIsRead(String command) {
        // The spec does not exist: the option is refused before the command looks for it.
        assertThat(run(command, "--simulate", "--output", "xml", "-f", "no-such.yaml")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(io.err())
                .contains("gantry: Invalid value for option '--output'", "must be text or json, not 'xml'", "gantry " + command + " --help")
                .doesNotContain("no-such.yaml", "Exception");
        assertThat(io.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "apply", "destroy", "status", "logs", "secrets list", "secrets set"})
    void everySpecReadingCommandTakesTheSameFileOption(String command) {
        CommandLine cl = Commands.eager(new Captured(Map.of()).context);
        for (String word : command.split(" ")) cl = cl.getSubcommands().get(word);
        var f = cl.getCommandSpec().findOption("-f");
        assertThat(f).isNotNull();
        assertThat(f.names()).containsExactly("-f", "--file");
        assertThat(f.defaultValue()).isEqualTo("gantry.yaml");
        assertThat(f.description()).containsExactly("The spec (default: gantry.yaml).");
    }
}
