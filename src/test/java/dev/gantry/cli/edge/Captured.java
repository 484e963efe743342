package dev.gantry.cli.edge;

import dev.gantry.Main;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A command context on streams the test reads back, with the environment given and no terminal. */
public final class Captured {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    public final CommandContext context;

    public Captured(Map<String, String> env) { this(env, ""); }

    /** {@code input}: what standard input holds. */
    public Captured(Map<String, String> env, String input) {
        context = CommandContext.of(env, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** gantry's command line, run in this context. */
    public int gantry(String... args) { return Main.run(context, args); }

    /** One command object (not gantry's whole command line) run as Main runs commands, in this context. */
    public int run(Object command, String... args) { return Main.execute(context, new picocli.CommandLine(command), args); }

    /** Forgets what was written so far. */
    public void clear() {
        context.flush();
        out.reset();
        err.reset();
    }

    public String out() {
        context.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    public String err() {
        context.flush();
        return err.toString(StandardCharsets.UTF_8);
    }
}
