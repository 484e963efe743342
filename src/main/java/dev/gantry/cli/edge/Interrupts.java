package dev.gantry.cli.edge;

import dev.gantry.engine.Engine;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintStream;

/**
 * Ctrl-C (SIGINT) and SIGTERM while apply or destroy runs: the first asks the engine to start
 * nothing new and lets in-flight calls finish (so AWS is left consistent, the lock is released and
 * the next apply resumes), or ends an open question at once; a second one ends the process at
 * once. Handlers rather than a shutdown hook, because the JVM would not wait for the in-flight
 * work or the saving of the simulated account. SIGTERM matters for jobs started with SIGINT
 * ignored (nohup, some CI runners): it is their only way to stop gantry cleanly. The run then
 * exits 130 after SIGINT and 143 after SIGTERM, as shells report those signals.
 */
public final class Interrupts implements AutoCloseable {
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;
    private final PrintStream err;
    private volatile String signal;

    private Interrupts(Engine engine, PrintStream err) {
        this.err = err;
        this.previousInt = install("INT", engine);
        this.previousTerm = install("TERM", engine);
    }

    /** {@code err}: where what a signal does is said. */
    public static Interrupts install(Engine engine, PrintStream err) { return new Interrupts(engine, err); }

    /**
     * Ends the process at once, on a second signal: the one exit that does not return through
     * {@code Main}, because the work in flight is what the person asked to abandon.
     */
    public static void haltNow(ExitCode code) { Runtime.getRuntime().halt(code.code()); }

    private SignalHandler install(String name, Engine engine) {
        try {
            return Signal.handle(new Signal(name), sig -> stop(name, engine));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return null; // no such signal here (some embedded JVMs, -Xrs): the JVM's default stands
        }
    }

    /** What one signal does; package-visible so tests can send one without a real signal. */
    void stop(String name, Engine engine) {
        if (signal == null) signal = name;
        String again = "TERM".equals(name) ? "SIGTERM again" : "Ctrl-C again";
        if (engine.cancelled()) {
            err.println("\nQuitting now. Run the same command again to continue.");
            haltNow(exitCode(ExitCode.INTERRUPTED));
        }
        engine.cancel("SIG" + name);
        String question = Asking.interrupt();
        if (question != null) {
            err.println("\nStopped at " + question + "; nothing was changed.");
            return;
        }
        err.println("\nStopping after the calls in flight… (" + again + " to quit at once)");
    }

    /** The run's exit code, 143 instead of 130 when SIGTERM stopped it. */
    public ExitCode exitCode(ExitCode code) { return code == ExitCode.INTERRUPTED && "TERM".equals(signal) ? ExitCode.TERMINATED : code; }

    @Override public void close() {
        restore("INT", previousInt);
        restore("TERM", previousTerm);
    }

    private static void restore(String name, SignalHandler previous) {
        if (previous == null) return;
        try { Signal.handle(new Signal(name), previous); } catch (IllegalArgumentException ignored) { /* as above */ }
    }
}
