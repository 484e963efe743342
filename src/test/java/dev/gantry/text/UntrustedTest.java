package dev.gantry.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UntrustedTest {
    @Test void control_characters_are_shown_escaped_and_the_rest_is_kept() {
        assertThat(Untrusted.text("\u001b[2J\u001b]0;owned\u0007x\r\ny\u009bz\u202e\u2028é ✓")).isEqualTo("\\x1b[2J\\x1b]0;owned\\x07x\\r\\ny\\x9bz\\u202e\\u2028é ✓");
        assertThat(Untrusted.text("plain text, ünïcode ✓")).isEqualTo("plain text, ünïcode ✓");
        assertThat(Untrusted.text(null)).isNull();
    }

    @Test void a_tag_set_by_hand_is_shown_escaped_in_a_plan_or_status_field() {
        assertThat(dev.gantry.ui.ChangeWords.value(java.util.Map.of("team\u001b[2J", "web\nforged", "ok", "fine")))
                .isEqualTo("{ok: fine, team\\x1b[2J: web\\nforged}");
    }
}
