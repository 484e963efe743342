package dev.gantry.ui;

import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyEvent.Build.Phase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A build's events: the Build pane's state, the plain lines (steps, not every line) and the JSON events. */
class BuildProgressTest {
    static Duration s(int n) { return Duration.ofSeconds(n); }

    static final List<ApplyEvent> EVENTS = List.of(
            new ApplyEvent.Build(s(1), Phase.START, "building ./Dockerfile for linux/amd64 with docker as REPO:abc", true),
            new ApplyEvent.Build(s(2), Phase.STEP, "[1/2] FROM alpine", true),
            new ApplyEvent.Build(s(2), Phase.LINE, "#5 [1/2] FROM alpine", true),
            new ApplyEvent.Build(s(3), Phase.LINE, "#5 DONE 0.4s", true),
            new ApplyEvent.Build(s(4), Phase.STEP, "[2/2] COPY . /app", true));

    @Test void the_build_pane_shows_the_current_step_its_last_lines_and_the_time_so_far_then_how_it_ended() {
        ProgressModel model = new ProgressModel(new Fixtures.Clock());
        EVENTS.forEach(model::on);
        ProgressModel.BuildState b = model.snapshot().build();
        assertThat(b.what()).startsWith("building ./Dockerfile for linux/amd64");
        assertThat(b.step()).isEqualTo("[2/2] COPY . /app");
        assertThat(b.lastLines()).containsExactly("#5 [1/2] FROM alpine", "#5 DONE 0.4s");
        assertThat(b.ok()).isNull();
        assertThat(b.elapsed(s(4))).isEqualTo(s(3));
        model.on(new ApplyEvent.Build(s(9), Phase.END, "pushed REPO:abc (sha256:1)", true));
        b = model.snapshot().build();
        assertThat(b.ok()).isTrue();
        assertThat(b.elapsed(s(30))).isEqualTo(s(8));
    }

    @Test void plain_lines_show_the_steps_and_json_events_carry_every_phase() {
        EventLines lines = new EventLines(Ansi.NONE, "apply");
        assertThat(EVENTS.stream().flatMap(e -> lines.lines(e).stream()).toList()).containsExactly(
                "build: building ./Dockerfile for linux/amd64 with docker as REPO:abc", "build: [1/2] FROM alpine", "build: [2/2] COPY . /app");
        assertThat(JsonEvents.node(EVENTS.get(1)).toString()).isEqualTo("{\"type\":\"build\",\"at\":2.0,\"phase\":\"step\",\"text\":\"[1/2] FROM alpine\"}");
        assertThat(JsonEvents.node(new ApplyEvent.Build(s(5), Phase.END, "Dockerfile:2 failed", false)).toString())
                .contains("\"phase\":\"end\"").contains("\"ok\":false");
    }
}
