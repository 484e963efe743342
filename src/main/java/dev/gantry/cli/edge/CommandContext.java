package dev.gantry.cli.edge;

import dev.gantry.ui.Ansi;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What every command gets from the process it runs in, decided once by {@code Main}: the standard
 * streams, the environment, and the terminal ({@link TerminalFacts}: whether one is attached, whether
 * a person can be asked there, whether output may be coloured). Commands read, write and ask only
 * through it, so a test runs any command with streams, environment and terminal of its own.
 * {@link #out()} and {@link #err()} are the streams (the views write bytes); {@link #writer()} and
 * {@link #errWriter()} are the same streams as picocli's writers, made once.
 */
public final class CommandContext {
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final PrintWriter outWriter;
    private final PrintWriter errWriter;
    private final Map<String, String> env;
    private final TerminalFacts terminal;

    CommandContext(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, TerminalFacts terminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.outWriter = new PrintWriter(out, true);
        this.errWriter = new PrintWriter(err, true);
        this.env = Map.copyOf(env);
        this.terminal = terminal;
    }

    /** This process's streams, environment and terminal: the context Main builds. */
    public static CommandContext system() {
        Map<String, String> env = System.getenv();
        return new CommandContext(System.in, System.out, System.err, env, TerminalFacts.system(env));
    }

    /** Streams and an environment of the caller's own, and no terminal (tests, and runs inside another program). */
    public static CommandContext of(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        return new CommandContext(in, out, err, env, TerminalFacts.none(env));
    }

    public InputStream in() { return in; }
    public PrintStream out() { return out; }
    public PrintStream err() { return err; }
    public PrintWriter writer() { return outWriter; }
    public PrintWriter errWriter() { return errWriter; }
    public Map<String, String> env() { return env; }
    public TerminalFacts terminal() { return terminal; }

    /** A person can be asked, and shown live progress ({@link TerminalFacts#interactive}). */
    public boolean interactive() { return terminal.interactive(); }

    /** Plain text wrapped at word boundaries to the terminal's width (unchanged without a terminal). */
    public String wrapped(String text) { return dev.gantry.ui.LineWrap.block(text, terminal.width()); }

    /** Colours by the one rule ({@link TerminalFacts#ansi}), off with {@code --no-color}. */
    public Ansi ansi(boolean noColorFlag) { return terminal.ansi(noColorFlag); }

    /** Whether standard input is this process's own, on a terminal: a line editor may then take over the terminal. */
    public boolean readsTheTerminal() { return in == System.in && terminal.present(); }

    /** Writes out what the writers still hold. */
    public void flush() {
        outWriter.flush();
        errWriter.flush();
    }
}
