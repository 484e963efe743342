package dev.gantry.resources;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PollBackoffTest {
    /** The instants at which a wait of {@code typical} looks, up to {@code until}. */
    static List<Double> looks(Duration typical, Duration until) {
        Poll.Backoff b = new Poll.Backoff(typical);
        List<Double> out = new ArrayList<>();
        Duration t = Duration.ZERO;
        while (t.compareTo(until) < 0) {
            t = t.plus(b.next(t));
            out.add(t.toMillis() / 1000.0);
        }
        return out;
    }

    @Test
    void aKnownWaitIsLookedAtRarelyThenOftenAsItNears() {
        List<Double> l = looks(Duration.ofSeconds(185), Duration.ofSeconds(185));
        assertThat(l.get(0)).isEqualTo(92.5);
        // Ready at 185 s: seen within 2 s, after a handful of looks where 1-5 s polling makes about 40.
        assertThat(l.get(l.size() - 1)).isBetween(185.0, 187.0);
        assertThat(l).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void pastItsTypicalLengthOrWithoutOneItBacksOffFromOneToFiveSeconds() {
        assertThat(looks(Duration.ZERO, Duration.ofSeconds(20))).containsExactly(1.0, 3.0, 7.0, 12.0, 17.0, 22.0);
        List<Double> late = looks(Duration.ofSeconds(10), Duration.ofSeconds(40));
        for (int i = 1; i < late.size(); i++) assertThat(late.get(i) - late.get(i - 1)).isLessThanOrEqualTo(5.0);
    }
}
