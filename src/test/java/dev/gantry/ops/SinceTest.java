package dev.gantry.ops;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinceTest {
    static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");

    @Test void spans() {
        assertThat(Since.parse("30s", NOW)).isEqualTo("2026-01-31T11:59:30Z");
        assertThat(Since.parse("10m", NOW)).isEqualTo("2026-01-31T11:50:00Z");
        assertThat(Since.parse("2h", NOW)).isEqualTo("2026-01-31T10:00:00Z");
        assertThat(Since.parse(" 1d ", NOW)).isEqualTo("2026-01-30T12:00:00Z");
    }

    @Test void times_with_an_offset_or_read_as_utc() {
        assertThat(Since.parse("2026-01-31T09:30:00Z", NOW)).isEqualTo("2026-01-31T09:30:00Z");
        assertThat(Since.parse("2026-01-31T09:30:00+01:00", NOW)).isEqualTo("2026-01-31T08:30:00Z");
        assertThat(Since.parse("2026-01-31T09:30", NOW)).isEqualTo("2026-01-31T09:30:00Z");
        assertThat(Since.parse("2026-01-31", NOW)).isEqualTo("2026-01-31T00:00:00Z");
    }

    @Test void anything_else_says_what_is_accepted() {
        for (String bad : new String[]{"", "10", "10 m", "5w", "-1h", "yesterday"}) {
            assertThatThrownBy(() -> Since.parse(bad, NOW)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("30s, 10m, 2h or 1d");
        }
    }
}
