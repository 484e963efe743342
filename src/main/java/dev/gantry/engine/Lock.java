package dev.gantry.engine;

import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

import java.util.Optional;

/**
 * One apply at a time per app, held in AWS itself (so two laptops and a CI job see the same lock):
 * an SSM parameter created with Overwrite=false, which AWS creates atomically or refuses.
 * It carries no gantry:app tag, so it is never mistaken for one of the app's resources, and its
 * value is shown to people only as gantry wrote it (a {@link LockHolder}), never raw.
 */
public final class Lock {
    private final SsmClient ssm;
    private final String name;

    public Lock(SsmClient ssm, String app) {
        this.ssm = ssm;
        this.name = "/gantry/locks/" + app;
    }

    public String name() { return name; }

    /**
     * Takes the lock, or throws {@link LockedException} naming who holds it. A lock that already
     * holds {@code me} is ours: the first write took effect and its reply was lost, so the client's
     * retry (or this one) met the lock this run had just written.
     */
    public void acquire(LockHolder me) {
        for (int attempt = 1; ; attempt++) {
            try {
                ssm.putParameter(PutParameterRequest.builder().name(name).type(ParameterType.STRING).overwrite(false)
                        .value(me.encode()).description("gantry apply lock; delete with gantry apply --force-unlock").build());
                return;
            } catch (ParameterAlreadyExistsException e) {
                Optional<Optional<LockHolder>> now = current();
                if (now.isPresent() && now.get().map(h -> h.runId().equals(me.runId())).orElse(false)) return;
                if (now.isPresent()) throw new LockedException(name, now.get());
                if (attempt >= 2) throw new LockedException(name, Optional.empty());
                // released between the two calls: try once more
            }
        }
    }

    /** Who holds it now: empty when nobody does; an empty holder when the value is not one gantry wrote. */
    public Optional<Optional<LockHolder>> current() {
        try {
            return Optional.of(LockHolder.parse(ssm.getParameter(GetParameterRequest.builder().name(name).build()).parameter().value()));
        } catch (ParameterNotFoundException gone) {
            return Optional.empty();
        }
    }

    /**
     * Gives the lock back, only if it is still {@code me}'s: someone may have broken it
     * ({@code --force-unlock}) and taken it meanwhile, and that run's lock is not ours to remove.
     * Returns who holds it instead (empty when it was ours, or already gone).
     *
     * <p>SSM has no conditional delete, so a window remains: a lock broken and taken between this
     * read and the delete is still removed. It is one round trip long, against a run that had
     * to break a lock that was held.
     */
    public Optional<Optional<LockHolder>> release(LockHolder me) {
        Optional<Optional<LockHolder>> now = current();
        if (now.isEmpty()) return Optional.empty();
        if (!now.get().map(h -> h.runId().equals(me.runId())).orElse(false)) return now;
        delete();
        return Optional.empty();
    }

    /**
     * Removes the lock whoever holds it ({@code --force-unlock}), or only when it still holds
     * {@code expected} (a holder proven dead). Returns who held the lock that was removed; empty
     * when there was none, or when it was not {@code expected}'s (then it is left alone). The same
     * window as in {@link #release} remains between the read and the delete.
     */
    public Optional<Optional<LockHolder>> breakOpen(Optional<LockHolder> expected) {
        Optional<Optional<LockHolder>> now = current();
        if (now.isEmpty()) return Optional.empty();
        if (expected.isPresent() && !now.get().equals(expected)) return Optional.empty();
        delete();
        return now;
    }

    private void delete() {
        try {
            ssm.deleteParameter(b -> b.name(name));
        } catch (ParameterNotFoundException ignored) {
            // already gone: someone forced it open, which is what they asked for
        }
    }

    /** Another apply or destroy holds the lock. {@code holder} is empty when the lock's value is not gantry's. */
    public static final class LockedException extends RuntimeException {
        private final transient Optional<LockHolder> holder;

        public LockedException(String lockName, Optional<LockHolder> holder) {
            super("another gantry run holds the lock " + lockName + ": "
                    + holder.map(LockHolder::describe).orElse("its value was not written by gantry (not shown)"), null, false, false);
            this.holder = holder;
        }

        public Optional<LockHolder> holder() { return holder; }
    }
}
