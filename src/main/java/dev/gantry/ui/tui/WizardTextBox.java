package dev.gantry.ui.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

import java.util.function.BooleanSupplier;

/**
 * A text box whose pre-filled default behaves like a selected placeholder: typing a character
 * first replaces it, while arrows, Backspace or End let the person edit it. Without this, typing
 * an image name after Tab appended to the default ("nginx:1.27nginx").
 */
final class WizardTextBox extends TextBox {
    private final BooleanSupplier showsDefault;
    private boolean replaceOnType;

    WizardTextBox(TerminalSize size, String text, Style style, BooleanSupplier showsDefault) {
        super(size, text, style);
        this.showsDefault = showsDefault;
    }

    @Override protected void afterEnterFocus(FocusChangeDirection direction, Interactable previous) {
        super.afterEnterFocus(direction, previous);
        replaceOnType = showsDefault.getAsBoolean() && !getText().isEmpty();
    }

    @Override public synchronized Result handleKeyStroke(KeyStroke key) {
        if (replaceOnType && key.getKeyType() == KeyType.Character && !key.isCtrlDown() && !key.isAltDown()) {
            setText("");
        }
        if (key.getKeyType() != KeyType.Tab && key.getKeyType() != KeyType.ReverseTab) replaceOnType = false;
        return super.handleKeyStroke(key);
    }
}
