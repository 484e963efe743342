package dev.gantry.ui.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/**
 * A text box with the editing keys a shell user's fingers know (see {@link LineEdit}) and one rule
 * for a value that is already there, a default or a pre-filled answer alike: typing replaces it,
 * until the cursor moves or the value is edited, after which keys edit it in place.
 */
final class WizardTextBox extends TextBox {
    private TextChangeListener listener;
    private boolean replaceOnType;

    WizardTextBox(TerminalSize size, String text, Style style) {
        super(size, text, style);
    }

    /** True while the next typed character replaces the whole value. */
    boolean replacing() { return replaceOnType; }

    /** After the screen was drawn again: the caret where it was, replacing only if it was. */
    void resume(com.googlecode.lanterna.TerminalPosition caret, boolean replacing) {
        replaceOnType = replacing;
        int row = Math.min(caret.getRow(), getLineCount() - 1);
        setCaretPosition(row, Math.min(caret.getColumn(), getLine(row).length()));
    }

    @Override public synchronized TextBox setTextChangeListener(TextChangeListener l) {
        this.listener = l;
        return super.setTextChangeListener(l);
    }

    @Override protected void afterEnterFocus(FocusChangeDirection direction, Interactable previous) {
        super.afterEnterFocus(direction, previous);
        replaceOnType = !getText().isEmpty();
        int last = getLineCount() - 1;
        setCaretPosition(last, getLine(last).length());
    }

    @Override public synchronized Result handleKeyStroke(KeyStroke key) {
        if (isReadOnly()) return super.handleKeyStroke(key);
        KeyType t = key.getKeyType();
        if (t == KeyType.Tab || t == KeyType.ReverseTab) return super.handleKeyStroke(key);
        boolean plainChar = t == KeyType.Character && !key.isCtrlDown() && !key.isAltDown();
        if (replaceOnType && plainChar) change("", 0, 0);
        replaceOnType = false;
        int row = getCaretPosition().getRow();
        String line = getLine(row);
        LineEdit.Result edit = LineEdit.apply(key, line, Math.min(getCaretPosition().getColumn(), line.length()));
        if (edit == null && t == KeyType.Character && (key.isCtrlDown() || key.isAltDown())) return Result.UNHANDLED;
        if (edit == null) return super.handleKeyStroke(key);
        if (!edit.line().equals(line)) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < getLineCount(); i++) {
                if (i > 0) all.append('\n');
                all.append(i == row ? edit.line() : getLine(i));
            }
            change(all.toString(), row, edit.caret());
        } else {
            setCaretPosition(row, edit.caret());
        }
        return Result.HANDLED;
    }

    /** setText tells listeners "not by the user"; an editing key is the user, so say so. */
    private void change(String text, int row, int column) {
        super.setText(text);
        setCaretPosition(row, column);
        if (listener != null) listener.onTextChanged(text, true);
    }
}
