package dev.gantry.ui.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.gantry.wizard.WizardSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs the wizard window on lanterna's virtual terminal: keys in, screen text out. */
final class WizardScreenDriver {
    final DefaultVirtualTerminal terminal;
    final MultiWindowTextGUI gui;
    final WizardWindow window;

    WizardScreenDriver(WizardSession session, int cols, int rows) throws IOException {
        terminal = new DefaultVirtualTerminal(new TerminalSize(cols, rows));
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        gui = new MultiWindowTextGUI(screen);
        window = new WizardWindow(session, terminal.getTerminalSize(), false);
        gui.addWindow(window);
        gui.updateScreen();
    }

    WizardScreenDriver key(KeyType... types) throws IOException {
        for (KeyType t : types) press(new KeyStroke(t));
        return this;
    }

    WizardScreenDriver ctrl(char c) throws IOException {
        press(new KeyStroke(c, true, false));
        return this;
    }

    WizardScreenDriver alt(char c) throws IOException {
        press(new KeyStroke(c, false, true));
        return this;
    }

    WizardScreenDriver alt(KeyType t) throws IOException {
        press(new KeyStroke(t, false, true));
        return this;
    }

    /** The terminal takes a new size, as when a person resizes the window. */
    WizardScreenDriver resize(int cols, int rows) throws IOException {
        terminal.setTerminalSize(new TerminalSize(cols, rows));
        gui.getGUIThread().processEventsAndUpdate();
        gui.getGUIThread().processEventsAndUpdate();
        return this;
    }

    WizardScreenDriver type(String text) throws IOException {
        for (char c : text.toCharArray()) press(new KeyStroke(c, false, false));
        return this;
    }

    WizardScreenDriver press(KeyStroke k) throws IOException {
        terminal.addInput(k);
        // The GUI thread's loop, not just processInput: lanterna posts list listeners as GUI tasks.
        gui.getGUIThread().processEventsAndUpdate();
        gui.getGUIThread().processEventsAndUpdate();
        return this;
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        TerminalSize size = terminal.getTerminalSize();
        for (int r = 0; r < size.getRows(); r++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < size.getColumns(); c++) sb.append(terminal.getBufferCharacter(c, r).getCharacterString());
            out.add(sb.toString().stripTrailing());
        }
        return out;
    }

    String text() { return String.join("\n", lines()); }
}
