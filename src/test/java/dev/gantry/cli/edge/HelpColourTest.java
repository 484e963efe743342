package dev.gantry.cli.edge;

import dev.gantry.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Help and usage are coloured by the same rule as every other output (TerminalFacts), not picocli's own. */
class HelpColourTest {
    static String run(boolean terminal, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        CommandContext context = new CommandContext(new java.io.ByteArrayInputStream(new byte[0]), ps, ps, env, new TerminalFacts(terminal, env));
        Main.run(context, args);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test void a_terminal_gets_colour_in_the_top_level_help_and_in_a_commands_usage() {
        assertThat(run(true, Map.of(), "--help")).contains("\u001b[");
        assertThat(run(true, Map.of(), "plan", "--help")).contains("\u001b[");
    }

    @Test void no_color_a_dumb_terminal_or_no_terminal_get_none() {
        for (String[] args : new String[][]{{"--help"}, {"plan", "--help"}, {"show"}}) {
            assertThat(run(true, Map.of("NO_COLOR", "1"), args)).as(String.join(" ", args)).doesNotContain("\u001b[");
            assertThat(run(true, Map.of("TERM", "dumb"), args)).as(String.join(" ", args)).doesNotContain("\u001b[");
            assertThat(run(false, Map.of(), args)).as(String.join(" ", args)).doesNotContain("\u001b[");
        }
    }
}
