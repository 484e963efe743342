package dev.gantry.ui.tui;

import dev.gantry.ui.LineWrap;
import dev.gantry.wizard.Lookup;
import dev.gantry.wizard.Question;
import dev.gantry.wizard.WizardScreen;
import dev.gantry.wizard.WizardFlow;

import java.util.ArrayList;
import java.util.List;

/** The text of the explanation pane: what the focused question is, what its options mean, its default and flag. */
final class WizardPane {
    private WizardPane() {}

    static List<String> forQuestion(Question q, WizardFlow flow, int width) {
        List<String> out = new ArrayList<>(LineWrap.wrap(q.fullExplanation(flow), width));
        out.add("");
        String d = q.defaultValue(flow);
        if (d != null && !d.isEmpty()) out.addAll(LineWrap.wrap("Default: " + q.shown(d, flow), width));
        if (!q.flags().isEmpty()) out.addAll(LineWrap.wrap((q.flags().size() > 1 ? "Flags: " : "Flag: ") + String.join(", ", q.flags()), width));
        if (q.hasSuggestions()) {
            Lookup<?> found = q.suggestions(flow);
            if (!found.ok()) out.addAll(LineWrap.wrap("Look-up: " + found.unavailable() + "; type the value.", width));
        }
        // On a short screen the intro is not shown: the pane carries the Kubernetes counterpart.
        if (q.section().kubernetes() != null) {
            out.add("");
            out.addAll(LineWrap.wrap(q.section().kubernetes(), width));
        }
        return out;
    }

    static List<String> forSection(WizardScreen s, int width) {
        List<String> out = new ArrayList<>(LineWrap.wrap(s.introForKubernetesUsers(), width));
        out.add("");
        out.addAll(LineWrap.wrap("Tab moves between fields and buttons; Space or Enter picks an option; F1 help; Esc quits.", width));
        return out;
    }

    /** The lines shown in a pane of {@code height} rows, scrolled to {@code scroll}, and the scroll kept in range. */
    record Window(List<String> lines, int scroll) {}

    static final String MORE_BELOW = "▼ more: Ctrl-↓ (F1: all)";
    static final String MORE_ABOVE = "▲ Ctrl-↑ back up";

    /**
     * A pane's text never stops mid-sentence: when it is longer than the pane, a marked line says
     * more follows and which key scrolls, and a scrolled pane says how to go back up.
     */
    static Window window(List<String> text, int height, int scroll) {
        if (height < 3 || text.size() <= height) return new Window(text, 0);
        int body = height - 2;
        int max = text.size() - body;
        int from = Math.max(0, Math.min(scroll, max));
        List<String> out = new ArrayList<>();
        out.add(from > 0 ? MORE_ABOVE : "");
        out.addAll(text.subList(from, from + body));
        out.add(from < max ? MORE_BELOW : "");
        if (from == 0) {
            // Nothing above yet: use that row for text too.
            out.remove(0);
            out.add(out.size() - 1, text.get(from + body));
        }
        return new Window(out, from);
    }
}
