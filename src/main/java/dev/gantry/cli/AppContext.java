package dev.gantry.cli;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.AwsErrors;
import dev.gantry.aws.AwsFailure;
import dev.gantry.engine.ApplyListener;
import dev.gantry.engine.Engine;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.time.Scheduler;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.NextCommands;
import dev.gantry.ui.line.ReadingLine;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;

/**
 * What status, logs and secrets work with once the spec is loaded and AWS is open: the spec, the
 * clients, the scheduler (real, paced virtual time under --simulate, or virtual in tests) and where to
 * print. Tests build one on a simulated world and call the commands' {@code run} directly, so
 * they never touch ~/.gantry. {@code options}: those given ({@link GlobalOptions#given}), which every
 * suggested command repeats.
 */
record AppContext(Spec spec, AwsClients aws, Scheduler scheduler, PrintWriter out, PrintWriter err, Ansi ansi,
              Map<String, String> env, String options) {

    /** A text of the core's with the gantry commands it suggests completed by the options given. */
    String words(String text) { return NextCommands.complete(text, options); }

    Engine engine() {
        Engine e = new Engine(Catalog.standard(), aws, scheduler, SecretValues.none(), ApplyListener.NONE);
        // At a terminal, what status is reading shows while it reads (EngineRun.open announced it).
        return EngineRun.interactive(env) ? e.onRefresh(new ReadingLine(System.err, ansi)) : e;
    }

    /** Fails fast, with exit code 4, when there are no usable credentials. */
    void checkCredentials() {
        try {
            aws.sts().getCallerIdentity();
        } catch (RuntimeException e) {
            throw AwsErrors.translate("checking who your AWS credentials belong to", e);
        }
    }

    /** Runs {@code body} in a session for the spec; AWS failures become one message and exit 1 or 4. */
    static int inSession(GlobalOptions g, java.nio.file.Path file, Spec spec, Map<String, String> env, PrintWriter out,
                         PrintWriter err, Function<AppContext, Integer> body) {
        return inSession(false, g, file, spec, env, out, err, body);
    }

    /** {@code reads}: the body starts with a refresh (status), which a terminal is told about at once. */
    static int inSession(boolean reads, GlobalOptions g, java.nio.file.Path file, Spec spec, Map<String, String> env,
                         PrintWriter out, PrintWriter err, Function<AppContext, Integer> body) {
        try (Session session = EngineRun.open(g, spec, env, reads)) {
            AppContext d = new AppContext(spec, session.aws(), session.scheduler(), out, err, EngineRun.ansi(g, env), env, g.given(file));
            return guarded(d, body);
        }
    }

    static int guarded(AppContext d, Function<AppContext, Integer> body) {
        try {
            return body.apply(d);
        } catch (AwsFailure f) {
            return d.fail(f);
        } finally {
            d.out.flush();
            d.err.flush();
        }
    }

    int fail(AwsFailure f) {
        return Failures.aws(err, f, this::words);
    }
}
