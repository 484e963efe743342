package dev.gantry.ui.line;

import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyListener;
import dev.gantry.time.TimeSource;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.EventLines;
import dev.gantry.ui.Operation;
import dev.gantry.ui.ProgressModel;
import dev.gantry.ui.SummaryText;

import java.io.PrintStream;
import java.util.List;

/**
 * Progress as plain scrolling lines, for CI logs, {@code TERM=dumb} and {@code --plain}: one line
 * per event, stamped with the time since the start, and the summary at the end. Events from
 * several worker threads never interleave within a line: each event is printed whole under a lock.
 */
public final class LineProgress implements ApplyListener {
    private final Operation operation;
    private final PrintStream out;
    private final Ansi ansi;
    private final EventLines lines;
    private final ProgressModel model;

    private final int width;
    private boolean saidSimulated;

    public LineProgress(Operation operation, PrintStream out, Ansi ansi, TimeSource clock) { this(operation, out, ansi, clock, 0); }

    /** {@code width}: the terminal's columns, to wrap lines at word boundaries (0: keep them whole). */
    public LineProgress(Operation operation, PrintStream out, Ansi ansi, TimeSource clock, int width) {
        this.width = width;
        this.operation = operation;
        this.out = out;
        this.ansi = ansi;
        this.lines = new EventLines(ansi, operation.command());
        this.model = new ProgressModel(clock);
    }

    @Override public synchronized void on(ApplyEvent event) {
        model.on(event);
        StringBuilder b = new StringBuilder();
        List<String> ls = lines.lines(event);
        for (int i = 0; i < ls.size(); i++) {
            b.append(i == 0 ? ansi.dim(EventLines.stamp(event.at())) : EventLines.CONTINUATION).append(ls.get(i)).append('\n');
        }
        if (event instanceof ApplyEvent.Planned && operation.simulated() && !saidSimulated) {
            // The stamps are the simulated AWS's clock, which runs far faster than the wall's.
            saidSimulated = true;
            b.append(EventLines.CONTINUATION).append(ansi.dim("(times are simulated AWS time: a rehearsal takes seconds)")).append('\n');
        }
        if (event instanceof ApplyEvent.Finished f) {
            b.append('\n').append(SummaryText.render(operation, f.result(), model.snapshot(), ansi));
        }
        out.print(dev.gantry.ui.LineWrap.block(b.toString(), width));
        out.flush();
    }
}
