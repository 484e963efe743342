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
    void aKnownWaitFirstLooksWhenItIsLikelyDone() {
        // A load balancer provisions in about 185 s: three looks, the last at 185 s, where halving from 92.5 s made nine.
        assertThat(looks(Duration.ofSeconds(185), Duration.ofSeconds(185))).containsExactly(148.0, 166.5, 185.0);
        // Done a little early (170 s): seen at most a tenth of its typical length late.
        List<Double> early = looks(Duration.ofSeconds(185), Duration.ofSeconds(170));
        assertThat(early.get(early.size() - 1) - 170).isLessThanOrEqualTo(18.5);
    }

    @Test
    void aShortWaitLooksAtLeastASecondApart() {
        assertThat(looks(Duration.ofSeconds(5), Duration.ofSeconds(5))).containsExactly(4.0, 5.0);
        assertThat(looks(Duration.ofMillis(1500), Duration.ofMillis(1500))).containsExactly(1.5);
    }

    @Test
    void pastItsTypicalLengthOrWithoutOneItBacksOffFromOneToFiveSeconds() {
        assertThat(looks(Duration.ZERO, Duration.ofSeconds(20))).containsExactly(1.0, 3.0, 7.0, 12.0, 17.0, 22.0);
        // A NAT gateway that takes 105 s where 95 s is typical: seen within 5 s of it.
        assertThat(looks(Duration.ofSeconds(95), Duration.ofSeconds(105))).containsExactly(76.0, 85.5, 95.0, 96.0, 98.0, 102.0, 107.0);
        List<Double> late = looks(Duration.ofSeconds(10), Duration.ofSeconds(40));
        for (int i = 1; i < late.size(); i++) assertThat(late.get(i) - late.get(i - 1)).isLessThanOrEqualTo(5.0);
    }
}
