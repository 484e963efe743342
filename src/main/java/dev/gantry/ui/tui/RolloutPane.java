package dev.gantry.ui.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import dev.gantry.diagnose.Diagnosis;
import dev.gantry.diagnose.RolloutSnapshot;
import dev.gantry.ui.EventLines;
import dev.gantry.ui.ProgressModel.Snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * The ECS rollout as it happens: deployments with their task counts, the service's latest events,
 * why tasks stopped, and, once the watcher has given up, its diagnosis. The diagnosis goes first
 * because it is the one thing the user must read when the pane is short.
 */
final class RolloutPane {
    private RolloutPane() {}

    private record Styled(String text, TextColor color, SGR style, int indent) {}

    static void draw(ProgressCanvas c, ProgressLayout.Box box, Snapshot s) {
        RolloutSnapshot r = s.rollout();
        c.rule(box.col(), box.row(), box.width(), r == null ? "Rollout" : "Rollout · " + r.service());
        int width = box.width() - 1;
        List<Styled> lines = new ArrayList<>();
        Diagnosis d = s.diagnosis();
        if (d != null) {
            wrap(lines, "✗ " + d.summary(), width, TextColor.ANSI.RED, SGR.BOLD, 0);
            if (d.detail() != null && !d.detail().isBlank()) wrap(lines, d.detail(), width - 2, TextColor.ANSI.RED, null, 2);
            if (!d.fixes().isEmpty()) {
                lines.add(new Styled("How to fix it:", TextColor.ANSI.YELLOW, SGR.BOLD, 0));
                int i = 1;
                for (String fix : d.fixes()) wrap(lines, (i++) + ". " + fix, width - 2, TextColor.ANSI.YELLOW, null, 2);
            }
            lines.add(new Styled("", null, null, 0));
        }
        if (r == null) {
            if (d == null) lines.add(new Styled("The ECS rollout shows here once it starts.", TextColor.ANSI.BLACK_BRIGHT, null, 0));
        } else {
            for (RolloutSnapshot.Deployment dep : r.deployments()) {
                lines.add(new Styled(dep.status() + "  rev " + dep.taskDefinitionRevision() + "  " + dep.rolloutState(),
                        "FAILED".equals(dep.rolloutState()) ? TextColor.ANSI.RED : null, SGR.BOLD, 0));
                lines.add(new Styled(dep.desired() + " desired · " + dep.running() + " running · " + dep.pending()
                        + " pending · " + dep.failed() + " failed", dep.failed() > 0 ? TextColor.ANSI.RED : null, null, 2));
            }
            if (r.deployments().isEmpty()) lines.add(new Styled("no deployments yet", TextColor.ANSI.BLACK_BRIGHT, null, 0));
            if (!r.stoppedTasks().isEmpty()) {
                lines.add(new Styled("Stopped tasks", null, SGR.BOLD, 0));
                for (RolloutSnapshot.StoppedTask t : r.stoppedTasks()) {
                    wrap(lines, shortId(t.taskId()) + ": " + EventLines.stoppedReason(t), width - 2, TextColor.ANSI.RED, null, 2);
                }
            }
            if (!r.events().isEmpty()) {
                lines.add(new Styled("Latest events", null, SGR.BOLD, 0));
                for (String e : r.events()) wrap(lines, e, width - 2, null, null, 2);
            }
        }
        int row = box.row() + 1;
        for (Styled l : lines) {
            if (row >= box.bottom()) break;
            c.text(box.col() + 1 + l.indent(), row++, width - l.indent(), l.text(), l.color(), l.style());
        }
    }

    private static void wrap(List<Styled> out, String text, int width, TextColor color, SGR style, int indent) {
        for (String line : ProgressCanvas.wrap(text, Math.max(10, width))) out.add(new Styled(line, color, style, indent));
    }

    /** ECS task ids are 32 hex digits; the first 8 are enough to tell tasks apart on screen. */
    private static String shortId(String id) {
        if (id == null) return "task";
        int slash = id.lastIndexOf('/');
        String tail = slash >= 0 ? id.substring(slash + 1) : id;
        return tail.length() > 8 ? tail.substring(0, 8) : tail;
    }
}
