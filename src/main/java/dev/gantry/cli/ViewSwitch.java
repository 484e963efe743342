package dev.gantry.cli;

import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyListener;

/**
 * The listener the engine talks to, whose view can change once: plain lines while the plan is
 * shown and confirmed, then the live full-screen view once work starts.
 */
final class ViewSwitch implements ApplyListener {
    private volatile ApplyListener target;

    ViewSwitch(ApplyListener initial) { this.target = initial; }

    void switchTo(ApplyListener next) { this.target = next; }

    @Override public void on(ApplyEvent event) { target.on(event); }
}
