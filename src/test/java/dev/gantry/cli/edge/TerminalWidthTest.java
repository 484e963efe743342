package dev.gantry.cli.edge;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain output is wrapped to the terminal's width, and only at a terminal. */
class TerminalWidthTest {
    @Test
    void aTerminalsColumnsAreItsWidthAndALogOrPipeHasNone() {
        assertThat(new TerminalFacts(true, Map.of("COLUMNS", "80")).width()).isEqualTo(80);
        assertThat(new TerminalFacts(false, Map.of("COLUMNS", "80")).width()).isZero();
        String status = "  ✗ hello is not deployed in us-east-1: gantry found nothing of it; run 'gantry apply -f gantry.yaml --simulate'";
        CommandContext narrow = new CommandContext(System.in, System.out, System.err, Map.of("COLUMNS", "60"),
                new TerminalFacts(true, Map.of("COLUMNS", "60")));
        for (String line : narrow.wrapped(status).split("\n")) assertThat(line.length()).isLessThanOrEqualTo(60);
        assertThat(narrow.wrapped(status)).contains("\n    ").doesNotContain("sim\nulate");
        assertThat(new Captured(Map.of("COLUMNS", "60")).context.wrapped(status)).isEqualTo(status);
    }
}
