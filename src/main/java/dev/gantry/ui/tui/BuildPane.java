package dev.gantry.ui.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import dev.gantry.ui.Durations;
import dev.gantry.ui.ProgressModel.BuildState;
import dev.gantry.ui.ProgressModel.Snapshot;

/**
 * The build of task.build while it runs (it comes before every other change; several services' builds
 * run one after the other, each naming its service, and the running one has the pane): what is built, the
 * builder's current step, its last lines and the time so far; then how it ended. The rollout
 * pane takes its place once the ECS rollout starts.
 */
final class BuildPane {
    private BuildPane() {}

    static void draw(ProgressCanvas c, ProgressLayout.Box box, Snapshot s) {
        BuildState b = s.build();
        c.rule(box.col(), box.row(), box.width(), "Build · " + Durations.format(b.elapsed(s.elapsed())));
        int width = box.width() - 1;
        int row = box.row() + 1;
        for (String line : ProgressCanvas.wrap(b.what(), Math.max(10, width))) {
            if (row >= box.bottom()) return;
            c.text(box.col() + 1, row++, width, line, null, SGR.BOLD);
        }
        if (b.ok() != null) {
            for (String line : ProgressCanvas.wrap((b.ok() ? "✓ " : "✗ ") + b.summary(), Math.max(10, width))) {
                if (row >= box.bottom()) return;
                c.text(box.col() + 1, row++, width, line, b.ok() ? TextColor.ANSI.GREEN : TextColor.ANSI.RED, SGR.BOLD);
            }
        } else if (b.step() != null && row < box.bottom()) {
            c.text(box.col() + 1, row++, width, "▸ " + b.step(), TextColor.ANSI.YELLOW);
        }
        for (String line : b.lastLines()) {
            if (row >= box.bottom()) return;
            c.text(box.col() + 3, row++, width - 2, line, TextColor.ANSI.BLACK_BRIGHT);
        }
    }
}
