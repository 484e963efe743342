package dev.gantry.ui.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.RadioBoxList;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/**
 * A radio list where moving the cursor picks the option, as people expect from a choice that is
 * always set: with lanterna's own list, moving the cursor without Space left the old option
 * picked while the explanation and cost hint seemed to follow the cursor.
 */
final class WizardRadioList<V> extends RadioBoxList<V> {
    private final java.util.function.IntConsumer onPick;

    /** {@code onPick} runs at once, inside the key press: lanterna's listeners run later, after keys typed meanwhile. */
    WizardRadioList(TerminalSize size, java.util.function.IntConsumer onPick) {
        super(size);
        this.onPick = onPick;
    }

    @Override public synchronized Result handleKeyStroke(KeyStroke key) {
        int checkedBefore = getCheckedItemIndex();
        int before = getSelectedIndex();
        Result r = super.handleKeyStroke(key);
        KeyType t = key.getKeyType();
        if ((t == KeyType.ArrowUp || t == KeyType.ArrowDown || t == KeyType.Home || t == KeyType.End
                || t == KeyType.PageUp || t == KeyType.PageDown) && getSelectedIndex() != before && r == Result.HANDLED) {
            setCheckedItemIndex(getSelectedIndex());
        }
        if (getCheckedItemIndex() != checkedBefore && getCheckedItemIndex() >= 0) onPick.accept(getCheckedItemIndex());
        return r;
    }
}
