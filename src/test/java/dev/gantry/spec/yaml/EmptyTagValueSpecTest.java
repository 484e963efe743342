package dev.gantry.spec.yaml;

import dev.gantry.spec.Diagnostic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An empty tag value is fine on every resource but the schedule group (jobs, guard): EventBridge
 * Scheduler refuses it, so the spec is refused before AWS is touched, naming the tag's line.
 */
class EmptyTagValueSpecTest {
    private static final String WEB = "version: 1\napp: hello\nregion: us-east-1\ntags:\n  team: web\n  note: \"\"\n"
            + "task:\n  image: nginx:1.27\n  port: 80\nloadBalancer: {}\n";

    @Test void without_a_schedule_group_an_empty_value_is_valid() throws Exception {
        assertThat(SpecLoader.load("gantry.yaml", WEB).tags()).containsEntry("note", "");
    }

    @Test void with_a_guard_or_jobs_it_is_an_error_at_the_tag() {
        for (String extra : new String[] {"guard: {}\n", "jobs:\n  report:\n    schedule: rate(1 hour)\n    command: [echo, hi]\n"}) {
            var r = SpecLoader.check("gantry.yaml", WEB + extra);
            assertThat(r.valid()).as(extra).isFalse();
            Diagnostic d = r.errors().get(0);
            assertThat(d.field()).isEqualTo("tags.note");
            assertThat(d.line()).isEqualTo(6);
            assertThat(d.message()).contains("EventBridge Scheduler refuses an empty tag value");
            assertThat(d.fix()).contains("note: \"none\"");
        }
    }
}
