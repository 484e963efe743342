package dev.gantry.ui.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Action;
import dev.gantry.ui.Durations;
import dev.gantry.ui.Operation;
import dev.gantry.ui.ProgressModel;
import dev.gantry.ui.ProgressModel.Row;
import dev.gantry.ui.ProgressModel.Snapshot;
import dev.gantry.ui.ProgressModel.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Draws one frame of the live view from a model snapshot; holds no state between frames. */
final class ProgressRenderer {
    static final String STOPPING = "stopping after in-flight calls… (Ctrl-C again to quit now)";
    private static final String SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

    private final Operation operation;
    private final boolean color;

    ProgressRenderer(Operation operation, boolean color) {
        this.operation = operation;
        this.color = color;
    }

    /** Returns the log pane's height in lines (0 without one), which paging keys move by. */
    int draw(TextGraphics g, TerminalSize size, Snapshot s, int frame, int logScroll) {
        ProgressCanvas c = new ProgressCanvas(g, color);
        ProgressLayout layout = ProgressLayout.of(size, s.rollout() != null || s.diagnosis() != null || s.build() != null);
        header(c, layout.header(), s);
        if (layout.resources() != null) resources(c, layout.resources(), s, frame);
        if (layout.rollout() != null) {
            ProgressLayout.Box r = layout.rollout();
            if (r.row() == layout.resources().row()) c.verticalLine(r.col() - 1, r.row(), r.height());
            // The build comes first in a run; the rollout takes the pane once it starts.
            if (s.build() != null && s.rollout() == null && s.diagnosis() == null) BuildPane.draw(c, r, s);
            else RolloutPane.draw(c, r, s);
        }
        if (layout.log() != null) {
            log(c, layout.log(), s, logScroll);
            return layout.log().height() - 1;
        }
        return 0;
    }

    private void header(ProgressCanvas c, ProgressLayout.Box box, Snapshot s) {
        int w = box.width();
        String right = (operation.simulated() ? "simulated " : "elapsed ") + Durations.format(s.elapsed()) + timeLeft(s);
        String title = operation.title();
        c.text(0, 0, Math.max(0, w - right.length() - 1), title, TextColor.ANSI.CYAN, SGR.BOLD);
        c.text(Math.max(title.length() + 1, w - right.length()), 0, right.length(), right);
        if (box.height() < 2) return;

        ProgressModel.Counts n = s.counts();
        String label = " " + n.ended() + "/" + n.total();
        int barWidth = Math.max(10, Math.min(40, w / 3));
        int filled = (int) Math.round(n.fraction() * barWidth);
        c.text(0, 1, barWidth, "█".repeat(filled), n.failed() > 0 ? TextColor.ANSI.RED : TextColor.ANSI.GREEN);
        c.text(filled, 1, barWidth - filled, "░".repeat(barWidth - filled));
        c.text(barWidth, 1, label.length(), label, null, SGR.BOLD);
        List<String> parts = new ArrayList<>();
        parts.add(n.done() + " done");
        // failures before activity: on a narrow terminal the end of this line is cut off
        if (n.failed() > 0) parts.add(n.failed() + " failed");
        if (n.skipped() > 0) parts.add(n.skipped() + " skipped");
        if (n.running() > 0) parts.add(n.running() + " in progress");
        if (n.pending() > 0) parts.add(n.pending() + " waiting");
        int col = barWidth + label.length() + 2;
        c.text(col, 1, w - col, String.join(" · ", parts));
        if (box.height() < 3) return;

        if (s.finished()) {
            ApplyResult r = s.result();
            c.text(0, 2, w, r.ok() ? "finished" : "finished: " + r.outcome().name().toLowerCase().replace('_', ' '),
                    r.ok() ? TextColor.ANSI.GREEN : TextColor.ANSI.RED, SGR.BOLD);
        } else if (s.stopping()) {
            c.text(0, 2, w, STOPPING, TextColor.ANSI.YELLOW, SGR.BOLD);
        } else {
            c.text(0, 2, w, "Ctrl-C stops after the calls in flight · PgUp/PgDn scroll the log", TextColor.ANSI.BLACK_BRIGHT);
        }
    }

    private static String timeLeft(Snapshot s) {
        if (s.finished() || s.counts().total() == 0 || s.counts().ended() == s.counts().total()) return "";
        if (s.stopping()) return "";
        return s.remaining().toSeconds() < 1 ? " · almost done" : " · about " + Durations.format(s.remaining()) + " left";
    }

    // ---- resources ----

    private record Line(String text, Row row, boolean sub, TextColor color, SGR style) {}

    private void resources(ProgressCanvas c, ProgressLayout.Box box, Snapshot s, int frame) {
        c.rule(box.col(), box.row(), box.width(), "Resources");
        int height = box.height() - 1;
        if (s.rows().isEmpty()) {
            c.text(box.col() + 1, box.row() + 1, box.width() - 1,
                    s.plan() == null ? "Reading what exists in AWS…" : "Nothing to change.", TextColor.ANSI.BLACK_BRIGHT);
            return;
        }
        Map<String, List<Row>> groups = s.groups();
        boolean collapseDone = lines(groups, false, false).size() > height;
        boolean collapseWaiting = lines(groups, collapseDone, false).size() > height;
        List<Line> lines = lines(groups, collapseDone, collapseWaiting);
        if (lines.size() > height) lines = activeFirst(groups);
        int row = box.row() + 1;
        for (int i = 0; i < lines.size() && row < box.bottom(); i++, row++) {
            if (row == box.bottom() - 1 && i < lines.size() - 1) {
                c.text(box.col() + 1, row, box.width() - 1, "… " + (lines.size() - i) + " more lines", TextColor.ANSI.BLACK_BRIGHT);
                break;
            }
            Line l = lines.get(i);
            if (l.row() != null && !l.sub()) rowLine(c, box, row, l.row(), s, frame);
            else c.text(box.col() + (l.sub() ? 8 : 1), row, box.width() - (l.sub() ? 8 : 1), l.text(), l.color(),
                    l.style() == null ? new SGR[0] : new SGR[]{l.style()});
        }
    }

    /** Display lines; whole pieces shrink to one line when everything does not fit (finished ones first). */
    private List<Line> lines(Map<String, List<Row>> groups, boolean collapseDone, boolean collapseWaiting) {
        List<Line> out = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : groups.entrySet()) {
            List<Row> rows = e.getValue();
            if (collapseDone && rows.stream().allMatch(r -> r.state() == State.DONE)) {
                out.add(new Line(e.getKey() + "  ✓ " + rows.size() + " done", null, false, TextColor.ANSI.GREEN, SGR.BOLD));
                continue;
            }
            if (collapseWaiting && rows.stream().allMatch(r -> r.state() == State.PENDING)) {
                out.add(new Line(e.getKey() + "  " + rows.size() + " waiting", null, false, null, SGR.BOLD));
                continue;
            }
            out.add(new Line(e.getKey(), null, false, null, SGR.BOLD));
            for (Row r : rows) {
                out.add(new Line(null, r, false, null, null));
                if (r.state() == State.RUNNING && r.waitingFor() != null) {
                    out.add(new Line("↳ " + r.waitingFor(), r, true, TextColor.ANSI.YELLOW, null));
                } else if (r.state() == State.FAILED && r.message() != null) {
                    out.add(new Line("↳ " + r.message(), r, true, TextColor.ANSI.RED, null));
                }
            }
        }
        return out;
    }

    /**
     * For a pane still too short: what needs eyes first (failed, then in progress, with their
     * waiting or failure text), then what waits; finished rows shrink to one "✓ N done" per piece,
     * and finished pieces share one line at the end, so only the least useful lines fall under "… more".
     */
    private List<Line> activeFirst(Map<String, List<Row>> groups) {
        List<Map.Entry<String, List<Row>>> pieces = new ArrayList<>(groups.entrySet());
        pieces.sort(java.util.Comparator.comparingInt(e -> e.getValue().stream().mapToInt(r -> urgency(r.state())).min().orElse(9)));
        List<Line> out = new ArrayList<>();
        List<String> finished = new ArrayList<>();
        int finishedRows = 0;
        for (Map.Entry<String, List<Row>> e : pieces) {
            List<Row> rows = new ArrayList<>(e.getValue());
            if (rows.stream().allMatch(r -> r.state() == State.DONE)) {
                finished.add(e.getKey());
                finishedRows += rows.size();
                continue;
            }
            rows.sort(java.util.Comparator.comparingInt(r -> urgency(r.state())));
            out.add(new Line(e.getKey(), null, false, null, SGR.BOLD));
            long done = rows.stream().filter(r -> r.state() == State.DONE).count();
            for (Row r : rows) {
                if (r.state() == State.DONE) continue;
                out.add(new Line(null, r, false, null, null));
                if (r.state() == State.RUNNING && r.waitingFor() != null) {
                    out.add(new Line("↳ " + r.waitingFor(), r, true, TextColor.ANSI.YELLOW, null));
                } else if (r.state() == State.FAILED && r.message() != null) {
                    out.add(new Line("↳ " + r.message(), r, true, TextColor.ANSI.RED, null));
                }
            }
            if (done > 0) out.add(new Line("  ✓ " + done + " done", null, false, TextColor.ANSI.GREEN, null));
        }
        if (!finished.isEmpty()) {
            out.add(new Line("✓ " + finishedRows + " done: " + String.join(", ", finished), null, false, TextColor.ANSI.GREEN, SGR.BOLD));
        }
        return out;
    }

    /** Which rows a short pane shows first. */
    private static int urgency(State s) {
        return switch (s) {
            case FAILED -> 0;
            case RUNNING -> 1;
            case PENDING -> 2;
            case SKIPPED -> 3;
            case DONE -> 4;
        };
    }

    private void rowLine(ProgressCanvas c, ProgressLayout.Box box, int row, Row r, Snapshot s, int frame) {
        int w = box.width();
        int stateWidth = w >= 70 ? 26 : 12;
        int timeWidth = 7;
        int x = box.col() + 2;
        Action a = r.change().action();
        c.text(x, row, 3, a.symbol(), symbolColor(a), SGR.BOLD);
        int descWidth = w - 2 - 4 - stateWidth - timeWidth - 1;
        c.text(x + 4, row, descWidth, r.change().description());
        int stateCol = x + 4 + descWidth + 1;
        State st = r.state();
        String state = switch (st) {
            case PENDING -> "waiting";
            case RUNNING -> SPINNER.charAt(frame % SPINNER.length()) + " in progress";
            case DONE -> "✓ done";
            case FAILED -> "✗ failed";
            case SKIPPED -> stateWidth >= 26 ? "skipped: dependency failed" : "skipped";
        };
        TextColor stateColor = switch (st) {
            case PENDING, SKIPPED -> TextColor.ANSI.BLACK_BRIGHT;
            case RUNNING -> TextColor.ANSI.YELLOW;
            case DONE -> TextColor.ANSI.GREEN;
            case FAILED -> TextColor.ANSI.RED;
        };
        c.text(stateCol, row, stateWidth, state, stateColor, st == State.FAILED ? SGR.BOLD : null);
        if (r.elapsed(s.elapsed()) != null) {
            String t = Durations.format(r.elapsed(s.elapsed()));
            c.text(box.col() + w - t.length() - 1, row, t.length(), t);
        }
    }

    private static TextColor symbolColor(Action a) {
        return switch (a) {
            case CREATE -> TextColor.ANSI.GREEN;
            case UPDATE, REPLACE -> TextColor.ANSI.YELLOW;
            case DELETE -> TextColor.ANSI.RED;
            default -> null;
        };
    }

    // ---- log ----

    /**
     * A log line too wide for the pane loses the middle of its description, never its state:
     * "[  12s] + subnet.private-0  Private subnet in the… … created (2s)".
     */
    static String fitLog(String line, int width) {
        int dots = line.indexOf(" … ");
        if (line.length() <= width || dots < 0) return line;
        String tail = line.substring(dots);
        int room = width - tail.length() - 1;
        if (room < 12) return line;
        return line.substring(0, room) + "…" + tail;
    }

    private void log(ProgressCanvas c, ProgressLayout.Box box, Snapshot s, int scroll) {
        List<String> log = s.log();
        int height = box.height() - 1;
        int maxScroll = Math.max(0, log.size() - height);
        int from = Math.max(0, log.size() - height - Math.min(scroll, maxScroll));
        int below = log.size() - Math.min(log.size(), from + height);
        c.rule(box.col(), box.row(), box.width(),
                below > 0 ? "Log (" + below + " newer lines below, PgDn)" : "Log (PgUp/PgDn, ↑/↓ to scroll)");
        for (int i = 0; i < height && from + i < log.size(); i++) {
            String line = log.get(from + i);
            boolean bad = line.contains("✗") || line.contains(" failed: ");
            c.text(box.col(), box.row() + 1 + i, box.width(), fitLog(line, box.width()), bad ? TextColor.ANSI.RED : null);
        }
    }
}
