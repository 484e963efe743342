package dev.gantry.ui.tui;

import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.Panel;

import java.util.List;

/**
 * The questions of a screen that has more than its rows hold (the Environments screen with two or
 * three environments at 80×24): only the fields around the focused one are in the panel, with a
 * line saying how many are above and below. Tab and Shift-Tab walk every field, hidden or not.
 * A screen whose questions fit (or that holds more than its fields: look-up buttons, secret
 * values) is left exactly as laid out.
 */
final class FieldScroll {
    private final Panel left;
    private final List<WizardField> fields;
    private final int fixedTop;
    private final int rows;
    private final Label above = new Label("");
    private final Label below = new Label("");
    private int start;
    private int shownStart = -1, shownEnd = -1;

    private FieldScroll(Panel left, List<WizardField> fields, int rows) {
        this.left = left;
        this.fields = fields;
        this.fixedTop = left.getChildCount() - fields.size();
        this.rows = rows;
    }

    /** A scroll for this panel, or null when its fields fit its rows or it holds more than fields after them. */
    static FieldScroll of(Panel left, List<WizardField> fields, int rows) {
        if (fields.isEmpty() || left.getChildCount() < fields.size()) return null;
        List<Component> children = List.copyOf(left.getChildrenList());
        int top = children.size() - fields.size();
        for (int i = 0; i < fields.size(); i++) if (children.get(top + i) != fields.get(i).component()) return null;
        int used = 0;
        for (Component c : children) used += c.getPreferredSize().getRows();
        return used <= rows ? null : new FieldScroll(left, fields, rows);
    }

    /** Lays out the fields so that {@code focused} (an index into the fields) shows; false when they already were. */
    boolean show(int focused) {
        int n = fields.size();
        int f = Math.max(0, Math.min(n - 1, focused));
        int room = rows - topRows();
        if (f < start) start = f;
        while (start < f && height(start, f) + markers(start, f) > room) start++;
        int end = f;
        while (end + 1 < n && height(start, end + 1) + markers(start, end + 1) <= room) end++;
        if (start == shownStart && end == shownEnd) return false;
        shownStart = start;
        shownEnd = end;
        for (WizardField w : fields) left.removeComponent(w.component());
        left.removeComponent(above);
        left.removeComponent(below);
        above.setText(start > 0 ? "▲ " + start + " more above (Shift-Tab)" : "");
        if (start > 0) left.addComponent(above);
        for (int i = start; i <= end; i++) left.addComponent(fields.get(i).component());
        int hidden = n - 1 - end;
        below.setText(hidden > 0 ? "▼ " + hidden + " more below (Tab)" : "");
        if (hidden > 0) left.addComponent(below);
        return true;
    }

    int size() { return fields.size(); }

    private int topRows() {
        int r = 0;
        List<Component> children = left.getChildrenList().stream().toList();
        for (int i = 0; i < fixedTop && i < children.size(); i++) r += children.get(i).getPreferredSize().getRows();
        return r;
    }

    private int height(int from, int to) {
        int r = 0;
        for (int i = from; i <= to; i++) r += fields.get(i).component().getPreferredSize().getRows();
        return r;
    }

    private int markers(int from, int to) { return (from > 0 ? 1 : 0) + (to < fields.size() - 1 ? 1 : 0); }
}
