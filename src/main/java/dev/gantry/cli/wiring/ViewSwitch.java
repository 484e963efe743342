package dev.gantry.cli.wiring;

import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyListener;
import dev.gantry.ui.Operation;

/**
 * The listener the engine talks to, whose view can change once: plain lines while the plan is
 * shown and confirmed, then the live full-screen view once work starts. Every view gets the events
 * with the gantry commands they suggest completed by the options given ({@link Operation#words}).
 */
public final class ViewSwitch implements ApplyListener {
    private volatile ApplyListener target;
    private final Operation op;

    public ViewSwitch(ApplyListener initial, Operation op) {
        this.target = initial;
        this.op = op;
    }

    void switchTo(ApplyListener next) { this.target = next; }

    @Override public void on(ApplyEvent event) { target.on(op.words(event)); }
}
