package dev.gantry;

import dev.gantry.cli.GantryCommand;
import picocli.CommandLine;

/** Composition root: the only place real AWS SDK clients are built. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(System.getenv(), args);
    }

    public static int run(java.util.Map<String, String> env, String... args) {
        return new CommandLine(new GantryCommand(env)).execute(args);
    }
}
