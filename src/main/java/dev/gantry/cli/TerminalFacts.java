package dev.gantry.cli;

import dev.gantry.ui.Ansi;

import java.io.Console;
import java.util.Map;

/**
 * Where a command runs, decided by one rule for all of them: whether a terminal is attached,
 * whether a person can be asked and shown live views there (not {@code TERM=dumb}), and whether
 * output is coloured ({@link Ansi#detect}: a terminal, no {@code --no-color}, {@code NO_COLOR}
 * unset or empty as no-color.org says, and not {@code TERM=dumb}).
 */
record TerminalFacts(boolean present, Map<String, String> env) {

    static TerminalFacts of(Map<String, String> env) { return new TerminalFacts(consoleAttached(), env); }

    /** A person can be asked and shown live views. */
    boolean interactive() { return present && !"dumb".equals(env.get("TERM")); }

    Ansi ansi(boolean noColorFlag) { return noColorFlag ? Ansi.NONE : Ansi.detect(env, present); }

    /** Whether this process talks to a terminal. */
    static boolean consoleAttached() {
        Console c = System.console();
        if (c == null) return false;
        try { // Java 22+ returns a console even when redirected; isTerminal() tells the truth there.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
