package dev.gantry.ui.line;

import dev.gantry.engine.RefreshProgress;
import dev.gantry.ui.Ansi;

import java.io.PrintStream;
import java.util.List;

/**
 * At a terminal, the first thing plan, apply, destroy and status show: a line saying what gantry
 * is reading (printed before AWS clients are even built), then one line redrawn in place as the
 * refresh's reads finish ("12 of 24 read · load-balancer, certificate, service"), erased when the
 * last one is in. Only the first refresh of a run is shown: what follows (the plan, the live view)
 * owns the screen after it. Written to stderr, so output piped elsewhere stays clean.
 */
public final class ReadingLine implements RefreshProgress {
    /** Narrow enough for any terminal; the line is rewritten in place, so it must never wrap. */
    static final int WIDTH = 78;

    private final PrintStream out;
    private final Ansi ansi;
    private boolean over;

    public ReadingLine(PrintStream out, Ansi ansi) {
        this.out = out;
        this.ansi = ansi;
    }

    /** The line shown at once: where gantry is about to read. */
    public static void announce(PrintStream out, Ansi ansi, String app, String region, boolean simulated) {
        out.println(ansi.dim("Reading what exists of " + app + " in " + region + (simulated ? " (simulated AWS)" : "") + "…"));
        out.flush();
    }

    @Override public synchronized void reading(int done, int total, List<String> pending, Finished finished) {
        if (over) return;
        if (done >= total) {
            over = true;
            out.print("\r\u001b[K");
        } else {
            out.print("\r\u001b[K" + ansi.dim(text(done, total, pending)));
        }
        out.flush();
    }

    /** Erases the line and draws no more: a prompt takes the screen, and a redraw would overwrite it. */
    @Override public synchronized void stepAside() {
        if (over) return;
        over = true;
        out.print("\r\u001b[K");
        out.flush();
    }

    /** "12 of 24 read · load-balancer, certificate, service", cut to {@link #WIDTH}. */
    static String text(int done, int total, List<String> pending) {
        String s = "  " + done + " of " + total + " read · " + String.join(", ", pending);
        return s.length() <= WIDTH ? s : s.substring(0, WIDTH - 1) + "…";
    }
}
