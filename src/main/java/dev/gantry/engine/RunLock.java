package dev.gantry.engine;

import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanDigest;
import dev.gantry.time.Scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The apply lock around a run: taking it (breaking one a dead run left, or with
 * {@code --force-unlock}), giving it back, what to say when another run holds it, and the refusal
 * of a plan that is no longer the one shown or saved.
 */
final class RunLock {
    private final Scheduler scheduler;
    private final ScheduledCalls calls;
    private final ApplyListener listener;
    private final Supplier<Duration> at;

    RunLock(Scheduler scheduler, ScheduledCalls calls, ApplyListener listener, Supplier<Duration> at) {
        this.scheduler = scheduler;
        this.calls = calls;
        this.listener = listener;
        this.at = at;
    }

    private Duration at() { return at.get(); }

    /** Whether the last {@link #acquire} took a free lock (see the field); read when the run executes. */
    boolean tookAFreeLock() { return tookAFreeLock; }

    /**
     * Whether this run took the lock without breaking one: then no other run can be making the
     * app's resources while it holds it. A lock broken (its holder provably dead, or
     * {@code --force-unlock}) may leave calls of that run still landing, so nothing is assumed.
     */
    private boolean tookAFreeLock;

    /** Takes the lock for this run and returns the holder it wrote (this run). */
    LockHolder acquire(Lock lock, EngineOptions options, String verb) {
        tookAFreeLock = false;
        if (options.forceUnlock()) {
            Optional<Optional<LockHolder>> broken = calls.call(() -> lock.breakOpen(Optional.empty()), "breaking the apply lock " + lock.name());
            listener.on(new ApplyEvent.Info(at(), broken.isEmpty() ? "--force-unlock: nobody held the lock " + lock.name()
                    : "--force-unlock: broke the lock " + lock.name() + " held by "
                    + broken.get().map(LockHolder::describe).orElse("a value gantry did not write (not shown)")));
        }
        LockHolder me = LockHolder.of(options.machine(), scheduler.now(), verb);
        try {
            calls.call(() -> { lock.acquire(me); return null; }, "taking the apply lock " + lock.name());
            tookAFreeLock = !options.forceUnlock();
        } catch (Lock.LockedException e) {
            LockHolder dead = e.holder().filter(h -> h.provablyDeadOn(options.machine())).orElseThrow(() -> e);
            // Its process is provably gone: a crash, not a colleague. Broken only if it is still that
            // holder's lock (another run may have broken it and taken it meanwhile: then taking it
            // below fails, naming that run).
            if (calls.call(() -> lock.breakOpen(Optional.of(dead)), "breaking the apply lock " + lock.name()).isPresent()) {
                listener.on(new ApplyEvent.Info(at(), "breaking a lock left by a run that died: " + dead.describe()));
            }
            calls.call(() -> { lock.acquire(me); return null; }, "taking the apply lock " + lock.name());
        }
        return me;
    }

    /** Gives the lock back, unless another run broke it and holds it now: that one is left alone, and said so. */
    void release(Lock lock, LockHolder me) {
        Optional<Optional<LockHolder>> other = calls.call(() -> lock.release(me), "releasing the apply lock " + lock.name());
        other.ifPresent(h -> listener.on(new ApplyEvent.Info(at(), "the lock " + lock.name() + " was broken while this run held it and is now held by "
                + h.map(LockHolder::describe).orElse("a value gantry did not write (not shown)") + "; it was left in place")));
    }

    /**
     * Who holds the lock and what to do about it. {@code --force-unlock} is offered only when gantry
     * cannot tell whether the holder still runs: a holder alive on this very machine is never
     * worth breaking, it is worth waiting for.
     */
    static String locked(Lock.LockedException e, String verb, Machine here, String meanwhile) {
        String said = e.getMessage() + (meanwhile == null ? "" : ". " + meanwhile);
        if (e.holder().map(h -> h.provablyAliveOn(here)).orElse(false)) {
            return said + ". That run is still going on this machine (pid " + e.holder().get().pid() + "): wait for it to finish,"
                    + " then run this again (should it be killed, gantry breaks its lock by itself).";
        }
        return said + ". gantry cannot prove that run has stopped (it is alive, or runs on another machine, container or boot),"
                + " so it leaves the lock alone. If you are sure it has stopped, run 'gantry " + verb + " --force-unlock'.";
    }

    /**
     * What differs between the plan shown before the question and the one made under the lock, as
     * lines for the person (first the refusal and the command to run again); empty when they are
     * the same plan ({@link PlanDigest}: the same actions on the same state).
     */
    static List<String> changedSinceShown(Plan shown, Plan locked, String verb, EngineOptions options) {
        List<String> moved = PlanDigest.differences(PlanDigest.byAddress(shown), PlanDigest.byAddress(locked), "the plan shown");
        if (moved.isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        String again = options.resumeCommand() == null ? "gantry " + verb : options.resumeCommand();
        out.add("AWS changed after the plan was shown: the plan made under the apply lock is not the one shown, so nothing was"
                + " changed. Run '" + again + "' again to see the new plan. What differs:");
        int shownLines = Math.min(moved.size(), 8);
        moved.subList(0, shownLines).forEach(m -> out.add("  " + m));
        if (moved.size() > shownLines) out.add("  … and " + (moved.size() - shownLines) + " more");
        return out;
    }

    /** A saved plan refused: nothing changed, and what comes next is a new plan (the options' resume command). */
    ApplyResult outOfDate(List<String> why, EngineOptions options) {
        return new ApplyResult(ApplyResult.Outcome.FAILED, ApplyResult.Exit.INVALID_INPUT, 0, 0, 0, 0, 0, 0, at(), null, why, null,
                options.resumeCommand());
    }
}
