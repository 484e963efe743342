package dev.gantry.cli;

/** The masked prompt for a secret value, when a person is at a terminal; Ctrl-C there stops the run. */
final class SecretPrompt {
    private SecretPrompt() {}

    static char[] ask(String name) {
        java.io.Console c = System.console();
        if (c == null) return null;
        return Asking.ask(() -> c.readPassword("Value for secret %s (typing is hidden; empty keeps the current value): ", name));
    }
}
