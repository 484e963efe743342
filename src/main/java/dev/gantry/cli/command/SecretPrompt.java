package dev.gantry.cli.command;

import dev.gantry.cli.edge.Asking;
import dev.gantry.cli.edge.TerminalFacts;

/** The masked prompt for a secret value, when a person is at a terminal; Ctrl-C there stops the run. */
final class SecretPrompt {
    private SecretPrompt() {}

    static char[] ask(TerminalFacts terminal, String name) {
        if (!terminal.canRead()) return null;
        return Asking.ask("the secret prompt for " + name, () -> terminal.readHidden("Value for secret " + name + " (a new parameter; typing is hidden): "));
    }

    /** The same, asked again while what was typed is more than AWS would store (said on {@code err}). */
    static char[] askChecked(TerminalFacts terminal, String name, java.io.PrintStream err) {
        char[] typed = ask(terminal, name);
        for (String problem; typed != null && typed.length > 0
                && (problem = SecretLimits.check(name, "the value typed for " + name, typed)) != null; typed = ask(terminal, name)) {
            java.util.Arrays.fill(typed, '\0');
            err.println("gantry: " + problem);
        }
        return typed;
    }
}
