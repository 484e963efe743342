package dev.gantry.cli.edge;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C as the normal end of a command that runs until stopped ({@code logs --follow}): the
 * handler asks it to stop, so it returns its exit code and closes its session like any other
 * ending; a second Ctrl-C ends the process at once.
 */
public final class StopOnInterrupt implements AutoCloseable {
    public static final StopOnInterrupt NONE = new StopOnInterrupt(null, false);

    private final SignalHandler previous;
    private final boolean installed;

    private StopOnInterrupt(SignalHandler previous, boolean installed) {
        this.previous = previous;
        this.installed = installed;
    }

    public static StopOnInterrupt install(Runnable stop) {
        boolean[] asked = new boolean[1];
        try {
            SignalHandler previous = Signal.handle(new Signal("INT"), sig -> {
                if (asked[0]) Interrupts.haltNow(ExitCode.INTERRUPTED);
                asked[0] = true;
                stop.run();
            });
            return new StopOnInterrupt(previous, true);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return NONE; // no signals here: Ctrl-C simply ends the process
        }
    }

    @Override public void close() {
        if (!installed) return;
        try { Signal.handle(new Signal("INT"), previous); } catch (IllegalArgumentException ignored) { /* as above */ }
    }
}
