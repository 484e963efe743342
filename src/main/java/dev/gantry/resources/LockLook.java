package dev.gantry.resources;

import dev.gantry.plan.Address;
import dev.gantry.time.TimeSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * What the run holding the apply lock learned from its look under the lock: the addresses its
 * plan creates, where that look found nothing of the app's. While the lock is held no other run
 * makes the app's resources, and this run has sent nothing for them yet, so a create's first look
 * for one of its own (one a crashed run left) has its answer already: nothing. Every later look,
 * after a send whose reply was lost (it may have taken effect), still asks AWS.
 *
 * <p>Only for {@link #FRESH} after that look: a run can lose its lock without knowing it (its
 * laptop asleep in the middle of a wait, and someone else runs {@code --force-unlock} and
 * applies), so a create that starts later, after a wait, looks for itself as before. Outside a
 * run under the lock (refresh, plan, tests) it knows nothing, and every look asks.
 */
public final class LockLook {
    /** How long the look under the lock answers: the creates that follow it at once, not those after a wait. */
    public static final Duration FRESH = Duration.ofSeconds(10);

    private static final LockLook NOTHING = new LockLook(Set.of(), Instant.MIN, null);

    private final Set<Address> absent;
    private final Instant lookedAt;
    private final TimeSource time;

    private LockLook(Set<Address> absent, Instant lookedAt, TimeSource time) {
        this.absent = java.util.concurrent.ConcurrentHashMap.newKeySet();
        this.absent.addAll(absent);
        this.lookedAt = lookedAt;
        this.time = time;
    }

    /** Knows nothing: every look asks AWS. */
    public static LockLook nothing() { return NOTHING; }

    /** {@code absent}: the addresses the plan made from the look under the lock creates; that look ended {@code lookedAt}. */
    public static LockLook foundNothingAt(Set<Address> absent, Instant lookedAt, TimeSource time) {
        return absent.isEmpty() ? NOTHING : new LockLook(absent, lookedAt, time);
    }

    /**
     * Whether the look under the lock, no longer than {@link #FRESH} ago, found nothing of the app's
     * at {@code address}: the answer to a create's first look. Given once per address, so a step
     * run again from its start looks for what its first run may have made.
     */
    public boolean foundNothingAt(Address address) {
        return absent.contains(address) && !time.now().isAfter(lookedAt.plus(FRESH)) && absent.remove(address);
    }
}
