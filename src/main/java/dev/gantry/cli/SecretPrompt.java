package dev.gantry.cli;

/** The masked prompt for a secret value, when a person is at a terminal; Ctrl-C there stops the run. */
final class SecretPrompt {
    private SecretPrompt() {}

    static char[] ask(TerminalFacts terminal, String name) {
        if (!terminal.canRead()) return null;
        return Asking.ask("the secret prompt for " + name, () -> terminal.readHidden("Value for secret " + name + " (a new parameter; typing is hidden): "));
    }
}
