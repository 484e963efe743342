package dev.gantry.ui.tui;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.DefaultWindowManager;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import dev.gantry.wizard.Outcome;
import dev.gantry.wizard.WizardSession;

import com.googlecode.lanterna.input.BasicCharacterPattern;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.ansi.StreamBasedTerminal;

import java.io.IOException;
import java.util.List;

/** Runs the full-screen wizard on the real terminal and restores it afterwards. */
public final class WizardTui {
    private final WizardSession session;
    private final boolean color;

    public WizardTui(WizardSession session, boolean color) {
        this.session = session;
        this.color = color;
    }

    public Outcome run() throws IOException {
        Terminal terminal = new DefaultTerminalFactory().setForceTextTerminal(true).createTerminal();
        if (terminal instanceof StreamBasedTerminal t) {
            // Alt-Backspace arrives as ESC DEL (or ESC BS), which lanterna reads as Esc then Backspace:
            // Esc would open the Quit question instead of deleting a word.
            t.getInputDecoder().addProfile(() -> List.of(
                    new BasicCharacterPattern(new KeyStroke(KeyType.Backspace, false, true), '\u001b', '\u007f'),
                    new BasicCharacterPattern(new KeyStroke(KeyType.Backspace, false, true), '\u001b', '\b')));
        }
        Screen screen = new TerminalScreen(terminal);
        screen.startScreen();
        try {
            MultiWindowTextGUI gui = new MultiWindowTextGUI(screen, new DefaultWindowManager(),
                    new EmptySpace(color ? TextColor.ANSI.BLUE : TextColor.ANSI.DEFAULT));
            WizardWindow window = new WizardWindow(session, screen.getTerminalSize(), color);
            gui.addWindowAndWait(window);
            return window.outcome() == null ? Outcome.QUIT : window.outcome();
        } finally {
            screen.stopScreen();
            // Gives the terminal back its own settings (echo, line editing): apply may ask next.
            terminal.close();
        }
    }
}
