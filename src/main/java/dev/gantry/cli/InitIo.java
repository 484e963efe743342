package dev.gantry.cli;

import dev.gantry.wizard.Lookups;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What {@code gantry init} touches outside itself: streams, environment, whether a console is
 * attached, and how look-ups reach AWS. Injected so tests drive it with no terminal and no network.
 */
public record InitIo(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean console,
                     LookupFactory lookups) {

    @FunctionalInterface
    public interface LookupFactory {
        Lookups connect(String region, String profile, String endpointUrl);
    }

    public static InitIo system() {
        return new InitIo(System.in, System.out, System.err, System.getenv(), TerminalFacts.consoleAttached(), LookupClients::connect);
    }
}
