package dev.gantry.cli;

import dev.gantry.engine.Engine;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C in line mode: the first asks the engine to start nothing new and lets in-flight calls
 * finish (so AWS is left consistent and the next apply resumes); a second one ends the process at
 * once. A SIGINT handler rather than a shutdown hook, because the JVM would not wait for the
 * in-flight work or the saving of the simulated account.
 */
final class Interrupts implements AutoCloseable {
    private final SignalHandler previous;

    private Interrupts(SignalHandler previous) { this.previous = previous; }

    static Interrupts install(Engine engine) {
        SignalHandler previous;
        try {
            previous = Signal.handle(new Signal("INT"), sig -> {
                if (engine.cancelled()) {
                    System.err.println("\nQuitting now. Run the same command again to continue.");
                    Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                }
                engine.cancel();
                System.err.println("\nStopping after the calls in flight… (Ctrl-C again to quit at once)");
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            previous = null; // no signals here (some embedded JVMs): Ctrl-C simply ends the process
        }
        return new Interrupts(previous);
    }

    @Override public void close() {
        if (previous != null) {
            try { Signal.handle(new Signal("INT"), previous); } catch (IllegalArgumentException ignored) { /* as above */ }
        }
    }
}
