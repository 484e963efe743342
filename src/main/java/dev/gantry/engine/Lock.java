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

    /** Takes the lock, or throws {@link LockedException} naming who holds it. */
    public void acquire(LockHolder me) {
        for (int attempt = 1; ; attempt++) {
            try {
                ssm.putParameter(PutParameterRequest.builder().name(name).type(ParameterType.STRING).overwrite(false)
                        .value(me.encode()).description("gantry apply lock; delete with gantry apply --force-unlock").build());
                return;
            } catch (ParameterAlreadyExistsException e) {
                Optional<Optional<LockHolder>> now = current();
                if (now.isPresent()) throw new LockedException(name, now.get());
                if (attempt >= 2) throw new LockedException(name, Optional.empty());
                // released between the two calls: try once more
            }
        }
    }

    /** Who holds it now: empty when nobody does, or when the value is not one gantry wrote. */
    Optional<Optional<LockHolder>> current() {
        try {
            return Optional.of(LockHolder.parse(ssm.getParameter(GetParameterRequest.builder().name(name).build()).parameter().value()));
        } catch (ParameterNotFoundException gone) {
            return Optional.empty();
        }
    }

    public void release() {
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
