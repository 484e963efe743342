package dev.gantry.ui.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyEvent.Build.Phase;
import dev.gantry.ui.Fixtures;
import dev.gantry.ui.Operation;
import dev.gantry.ui.ProgressModel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.gantry.ui.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The live view's Build pane: in the rollout's place while the build runs, the rollout's once that starts. */
class BuildPaneTest {
    private final DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(120, 40));
    private final Fixtures.Clock clock = new Fixtures.Clock();
    private final ProgressView view;

    BuildPaneTest() throws IOException {
        view = new ProgressView(new TerminalScreen(vt), Operation.apply("hello", "us-east-1"), new ProgressModel(clock),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), () -> {}, () -> {}, false);
    }

    private List<String> pane() {
        return ScreenText.rows(vt).subList(3, 9).stream()
                .map(r -> r.length() <= 73 ? "" : r.substring(73).stripTrailing()).toList();
    }

    @Test void the_build_shows_its_step_last_lines_and_time_then_gives_way_to_the_rollout() {
        view.open();
        view.on(new ApplyEvent.Planned(s(0), plan()));
        view.on(new ApplyEvent.Build(s(1), Phase.START, "building ./Dockerfile for linux/amd64", true));
        view.on(new ApplyEvent.Build(s(2), Phase.STEP, "[2/3] RUN npm ci", true));
        view.on(new ApplyEvent.Build(s(2), Phase.LINE, "#7 [2/3] RUN npm ci", true));
        view.on(new ApplyEvent.Build(s(5), Phase.LINE, "#7 4.1 added 120 packages", true));
        clock.advance(s(12));
        view.tick();
        assertThat(pane()).containsExactly(
                "── Build · 11s ────────────────────────────────",
                " building ./Dockerfile for linux/amd64",
                " ▸ [2/3] RUN npm ci",
                "   #7 [2/3] RUN npm ci",
                "   #7 4.1 added 120 packages",
                "");

        view.on(new ApplyEvent.Rollout(s(41), rollout()));
        view.tick();
        assertThat(pane().get(0)).startsWith("── Rollout · hello");
    }

    /** Several services' builds run one after the other: the pane shows the one running, by its service's name. */
    @Test void the_next_services_build_takes_the_pane_when_the_one_before_has_ended() {
        view.open();
        view.on(new ApplyEvent.Planned(s(0), plan()));
        view.on(new ApplyEvent.Build(s(1), Phase.START, "web: building ./web/Dockerfile for linux/amd64", true));
        view.on(new ApplyEvent.Build(s(3), Phase.END, "web: pushed …/shop-web:ctx-1 (sha256:aa)", true));
        view.on(new ApplyEvent.Build(s(4), Phase.START, "api: building ./api/Dockerfile for linux/amd64", true));
        view.on(new ApplyEvent.Build(s(5), Phase.STEP, "[2/2] COPY . /app", true));
        clock.advance(s(9));
        view.tick();
        assertThat(pane()).containsSubsequence(
                "── Build · 5s ─────────────────────────────────",
                " api: building ./api/Dockerfile for linux/amd64",
                " ▸ [2/2] COPY . /app");
        assertThat(String.join("\n", pane())).doesNotContain("web:");
    }
}
