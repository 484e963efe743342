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
        // Ctrl-C as a key (lanterna's default would end the JVM with status 1): it ends the wizard, exit 130.
        Terminal terminal = new DefaultTerminalFactory().setForceTextTerminal(true)
                .setUnixTerminalCtrlCBehaviour(com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal.CtrlCBehaviour.TRAP).createTerminal();
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
            java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
            window.addWindowListener(new com.googlecode.lanterna.gui2.WindowListenerAdapter() {
                @Override public void onInput(com.googlecode.lanterna.gui2.Window w, com.googlecode.lanterna.input.KeyStroke k,
                                              java.util.concurrent.atomic.AtomicBoolean handled) {
                    if (ctrlC(k)) {
                        interrupted.set(true);
                        handled.set(true);
                        w.close();
                    }
                }
            });
            gui.addWindowAndWait(window);
            if (interrupted.get()) return Outcome.INTERRUPTED;
            return window.outcome() == null ? Outcome.QUIT : window.outcome();
        } finally {
            screen.stopScreen();
            // Gives the terminal back its own settings (echo, line editing): apply may ask next.
            terminal.close();
        }
    }

    static boolean ctrlC(com.googlecode.lanterna.input.KeyStroke k) {
        return k.getKeyType() == com.googlecode.lanterna.input.KeyType.Character && k.isCtrlDown()
                && k.getCharacter() != null && Character.toLowerCase(k.getCharacter()) == 'c';
    }
}
