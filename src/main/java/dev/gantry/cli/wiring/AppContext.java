package dev.gantry.cli.wiring;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.AwsErrors;
import dev.gantry.aws.AwsFailure;
import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.option.GlobalOptions;
import dev.gantry.engine.Engine;
import dev.gantry.spec.Spec;
import dev.gantry.time.Scheduler;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.NextCommands;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;

/**
 * What status, logs and secrets work with once the spec is loaded and AWS is open: the spec, the
 * clients, the scheduler (real, paced virtual time under --simulate, or virtual in tests), the
 * command's context (where to print) and its colours. Tests build one on a simulated world and
 * call the commands' {@code run} directly, so they never touch ~/.gantry. {@code options}: those
 * given ({@link GlobalOptions#given}), which every suggested command repeats.
 */
public record AppContext(Spec spec, AwsClients aws, Scheduler scheduler, CommandContext cli, Ansi ansi, String options) {

    public PrintWriter out() { return cli.writer(); }
    public PrintWriter err() { return cli.errWriter(); }
    public Map<String, String> env() { return cli.env(); }

    /** A text of the core's with the gantry commands it suggests completed by the options given. */
    public String words(String text) { return NextCommands.complete(text, options); }

    public Engine engine() { return Wiring.dayTwoEngine(aws, scheduler, cli, ansi); }

    /** The apply lock, held by a day-two command that changes the service, and who holds it (this run). */
    public record Held(dev.gantry.engine.Lock lock, dev.gantry.engine.LockHolder me) {
        public void release() { lock.release(me); }
    }

    /**
     * Takes the apply lock for {@code command} (secrets set, rollback): an apply running meanwhile
     * would start deployments of its own. Held by another run: exit 1 with who, and what to do.
     */
    public Held lock(String command) {
        dev.gantry.engine.Lock lock = new dev.gantry.engine.Lock(aws.ssm(), spec.app());
        dev.gantry.engine.Machine here = dev.gantry.engine.Machine.local(env());
        dev.gantry.engine.LockHolder me = dev.gantry.engine.LockHolder.of(here, scheduler.now(), command);
        try {
            lock.acquire(me);
        } catch (dev.gantry.engine.Lock.LockedException e) {
            boolean aliveHere = e.holder().map(h -> h.provablyAliveOn(here)).orElse(false);
            throw CommandFailure.of(ExitCode.FAILED, e.getMessage(), words(aliveHere
                    ? "wait for that run to finish (it is still going on this machine, pid " + e.holder().get().pid() + "), then run this again"
                    : "wait for that run to finish, then run this again (if it died: 'gantry apply --force-unlock')"));
        } catch (RuntimeException e) {
            throw AwsErrors.translate("taking the lock " + lock.name(), e);
        }
        return new Held(lock, me);
    }

    /** Fails fast, with exit code 4, when there are no usable credentials. */
    public void checkCredentials() {
        try {
            aws.sts().getCallerIdentity();
        } catch (RuntimeException e) {
            throw AwsErrors.translate("checking who your AWS credentials belong to", e);
        }
    }

    /**
     * Runs {@code body} in a session for the spec. {@code reads}: the body starts with a refresh
     * (status), which a terminal is told about at once.
     */
    public static ExitCode inSession(CommandContext cli, GlobalOptions g, java.nio.file.Path file, Spec spec, boolean reads,
                              Function<AppContext, ExitCode> body) {
        return Wiring.inSession(cli, g, file, spec, reads, body);
    }

    /** Runs {@code body}; an AWS failure ends it worded with the options given (exit 1 or 4). */
    public static ExitCode guarded(AppContext d, Function<AppContext, ExitCode> body) {
        try {
            return body.apply(d);
        } catch (AwsFailure f) {
            throw CommandFailure.aws(f, d::words);
        } finally {
            d.cli.flush();
        }
    }
}
