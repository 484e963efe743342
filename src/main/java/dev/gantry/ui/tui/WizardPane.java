package dev.gantry.ui.tui;

import dev.gantry.ui.LineWrap;
import dev.gantry.wizard.Lookup;
import dev.gantry.wizard.Question;
import dev.gantry.wizard.Section;
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
        if (d != null && !d.isEmpty()) out.addAll(LineWrap.wrap("Default: " + d.replace("\n", ", "), width));
        if (!q.flags().isEmpty()) out.add("Flag: " + String.join(" ", q.flags()));
        if (q.hasSuggestions()) {
            Lookup<?> found = q.suggestions(flow);
            if (!found.ok()) out.addAll(LineWrap.wrap("Look-up: " + found.unavailable() + "; type the value.", width));
        }
        return out;
    }

    static List<String> forSection(Section s, int width) {
        List<String> out = new ArrayList<>(LineWrap.wrap(s.intro(), width));
        out.add("");
        out.addAll(LineWrap.wrap("Tab moves between fields and buttons; Space or Enter picks an option; F1 help; Esc quits.", width));
        return out;
    }
}
