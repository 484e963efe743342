package dev.gantry.ui.line;

import dev.gantry.ui.Ansi;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingLineTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String shown() { return bytes.toString(StandardCharsets.UTF_8); }

    @Test
    void redrawsOneLineInPlaceAndErasesItWhenTheLastReadIsIn() {
        ReadingLine line = new ReadingLine(out, Ansi.NONE);
        line.reading(0, 3, List.of("vpc", "subnet", "service"), null);
        line.reading(1, 3, List.of("subnet", "service"), null);
        assertThat(shown()).isEqualTo("\r\u001b[K  0 of 3 read · vpc, subnet, service\r\u001b[K  1 of 3 read · subnet, service")
                .doesNotContain("\n");
        bytes.reset();
        line.reading(3, 3, List.of(), null);
        assertThat(shown()).isEqualTo("\r\u001b[K");
    }

    @Test
    void onlyTheFirstRefreshOfARunIsShown() {
        ReadingLine line = new ReadingLine(out, Ansi.NONE);
        line.reading(1, 1, List.of(), null);
        bytes.reset();
        line.reading(0, 2, List.of("vpc", "subnet"), null);
        assertThat(shown()).isEmpty();
    }

    @Test
    void stepsAsideForAPromptAndDrawsNoMoreOverIt() {
        ReadingLine line = new ReadingLine(out, Ansi.NONE);
        line.reading(0, 3, List.of("vpc", "parameter", "service"), null);
        bytes.reset();
        line.stepAside();
        assertThat(shown()).isEqualTo("\r\u001b[K");
        bytes.reset();
        line.reading(2, 3, List.of("service"), null);
        line.reading(3, 3, List.of(), null);
        assertThat(shown()).isEmpty();
    }

    @Test
    void neverWiderThanATerminal() {
        List<String> many = List.of("vpc", "subnet", "internet-gateway", "eip", "nat-gateway", "route-table",
                "security-group", "log-group", "parameter", "role", "cluster", "task-definition");
        String text = ReadingLine.text(0, 24, many);
        assertThat(text).hasSize(ReadingLine.WIDTH).endsWith("…").startsWith("  0 of 24 read · vpc, subnet");
    }

    @Test
    void theFirstLineSaysWhereGantryReads() {
        ReadingLine.announce(out, Ansi.NONE, "hello", "us-east-1", true);
        assertThat(shown()).isEqualTo("Reading what exists of hello in us-east-1 (simulated AWS)…" + System.lineSeparator());
    }
}
