package dev.gantry.ui.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.RadioBoxList;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.SGR;
import dev.gantry.ui.LineWrap;
import dev.gantry.wizard.Choice;
import dev.gantry.wizard.Kind;
import dev.gantry.wizard.Question;
import dev.gantry.wizard.WizardFlow;

import java.util.List;

/**
 * One question on a lanterna screen: its title, the input (a radio list for a closed set, a text
 * box otherwise), and an error line under it that follows every keystroke.
 */
final class WizardField {
    /** A choice as the radio list shows it. */
    record Item(Choice choice) {
        @Override public String toString() { return choice.label(); }
    }

    final Question question;
    final Panel panel = new Panel(new LinearLayout());
    final Interactable input;
    private final Label title = new Label("");
    private final Label error = new Label("");
    private final int width;
    private final WizardFlow flow;
    private final boolean color;
    private boolean quiet;
    private boolean revealed;

    WizardField(Question q, WizardFlow flow, int width, boolean color, boolean compact, Runnable changed) {
        this.question = q;
        this.flow = flow;
        this.color = color;
        this.width = width;
        if (color) title.addStyle(SGR.BOLD);
        panel.addComponent(title);
        String value = flow.get(q.id());
        if (q.kind() == Kind.CHOICE) {
            List<Choice> choices = q.choices(flow);
            RadioBoxList<Item> list = new WizardRadioList<>(new TerminalSize(Math.min(width, 44), Math.min(choices.size(), compact ? 3 : 6)), picked -> {
                flow.set(q.id(), choices.get(picked).value());
                changed.run();
            });
            for (Choice c : choices) {
                list.addItem(new Item(c));
                if (c.value().equals(value)) {
                    list.setCheckedItem(list.getItems().get(list.getItemCount() - 1));
                    list.setSelectedIndex(list.getItemCount() - 1);
                }
            }
            input = list;
            panel.addComponent(list);
        } else {
            int rows = q.kind() == Kind.PAIRS ? (compact ? 2 : 4) : 1;
            TextBox box = new WizardTextBox(new TerminalSize(Math.min(width, 52), rows), value == null ? "" : value,
                    rows > 1 ? TextBox.Style.MULTI_LINE : TextBox.Style.SINGLE_LINE);
            box.setTextChangeListener((text, byUser) -> {
                if (quiet || !byUser) return;
                flow.set(q.id(), text);
                revealed = true;
                changed.run();
            });
            input = box;
            panel.addComponent(box);
        }
        error.setLabelWidth(width);
        // A required field left empty is not an error until the person types or presses Next.
        revealed = flow.given(q.id()) || value != null && !value.isEmpty();
        refresh();
    }

    /** Re-reads the value (a default may have moved) and the error or warning. */
    void refresh() {
        if (input instanceof TextBox box && !flow.given(question.id())) {
            String v = flow.get(question.id());
            if (!box.getText().equals(v == null ? "" : v)) {
                quiet = true;
                box.setText(v == null ? "" : v);
                quiet = false;
            }
        }
        String v = flow.get(question.id());
        boolean isDefault = !flow.given(question.id()) && v != null && !v.isEmpty();
        title.setText(String.join("\n", LineWrap.wrap(question.title() + (isDefault ? " (default)" : ""), width)));
        String e = revealed ? flow.error(question) : null;
        String w = e == null ? flow.warning(question) : null;
        String shown = e != null ? "✗ " + e : w != null ? "! " + w : "";
        error.setText(String.join("\n", LineWrap.wrap(shown, width)));
        if (color) error.setForegroundColor(e != null ? TextColor.ANSI.RED : TextColor.ANSI.YELLOW);
        // No blank row under a field without a message: on a short terminal every row counts.
        if (shown.isEmpty()) panel.removeComponent(error);
        else if (!panel.containsComponent(error)) panel.addComponent(error);
    }

    /** True when the focus is in this field's text box and the next typed character replaces its value. */
    boolean replacing() { return input instanceof WizardTextBox box && box.isFocused() && box.replacing(); }

    boolean hasError() { return flow.error(question) != null; }

    /** Shows the error even on an untouched field (after Next). */
    void reveal() {
        revealed = true;
        refresh();
    }

    Component component() { return panel; }
}
