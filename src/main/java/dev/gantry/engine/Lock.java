package dev.gantry.engine;

import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

import java.time.Instant;

/**
 * One apply at a time per app, held in AWS itself (so two laptops and a CI job see the same lock):
 * an SSM parameter created with Overwrite=false, which AWS creates atomically or refuses.
 * It carries no gantry:app tag, so it is never mistaken for one of the app's resources.
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
    public void acquire(String holder, Instant now) {
        try {
            ssm.putParameter(PutParameterRequest.builder().name(name).type(ParameterType.STRING).overwrite(false)
                    .value(holder + " since " + now).description("gantry apply lock; delete with gantry apply --force-unlock").build());
        } catch (ParameterAlreadyExistsException e) {
            String who;
            try {
                who = ssm.getParameter(GetParameterRequest.builder().name(name).build()).parameter().value();
            } catch (ParameterNotFoundException gone) {
                who = "another run that has just finished";
            }
            throw new LockedException(name, who);
        }
    }

    public void release() {
        try {
            ssm.deleteParameter(b -> b.name(name));
        } catch (ParameterNotFoundException ignored) {
            // already gone: someone forced it open, which is what they asked for
        }
    }

    /** Another apply or destroy holds the lock. */
    public static final class LockedException extends RuntimeException {
        private final String holder;

        public LockedException(String lockName, String holder) {
            super("another gantry run holds the lock " + lockName + ": " + holder, null, false, false);
            this.holder = holder;
        }

        public String holder() { return holder; }
    }
}
