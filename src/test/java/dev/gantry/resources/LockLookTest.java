package dev.gantry.resources;

import dev.gantry.plan.Address;
import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LockLookTest {
    final VirtualScheduler time = new VirtualScheduler();
    final Address vpc = Address.of("vpc", "main"), subnet = Address.of("subnet", "public-a");

    @Test void answersForWhatThePlanCreatesRightAfterTheLook() {
        LockLook look = LockLook.foundNothingAt(Set.of(vpc), time.now(), time);
        assertThat(look.foundNothingAt(vpc)).isTrue();
        // What the plan does not create (it exists, or it is not the plan's) is looked for.
        assertThat(look.foundNothingAt(subnet)).isFalse();
    }

    @Test void itAnswersOnlyTheFirstLook() {
        LockLook look = LockLook.foundNothingAt(Set.of(vpc), time.now(), time);
        assertThat(look.foundNothingAt(vpc)).isTrue();
        // A step run again from its start looks for what its first run may have made.
        assertThat(look.foundNothingAt(vpc)).isFalse();
    }

    @Test void aCreateAfterAWaitLooksForItself() {
        LockLook look = LockLook.foundNothingAt(Set.of(vpc, subnet), time.now(), time);
        time.advance(LockLook.FRESH);
        assertThat(look.foundNothingAt(vpc)).isTrue();
        // The run may have lost its lock meanwhile without knowing it (asleep, then --force-unlock).
        time.advance(Duration.ofMillis(1));
        assertThat(look.foundNothingAt(subnet)).isFalse();
    }

    @Test void outsideARunUnderTheLockItKnowsNothing() {
        assertThat(LockLook.nothing().foundNothingAt(vpc)).isFalse();
        assertThat(LockLook.foundNothingAt(Set.of(), time.now(), time).foundNothingAt(vpc)).isFalse();
    }
}
