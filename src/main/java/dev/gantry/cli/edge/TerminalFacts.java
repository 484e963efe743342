package dev.gantry.cli.edge;

import dev.gantry.ui.Ansi;

import java.io.Console;
import java.util.Map;

/**
 * Where a command runs, decided by one rule for all of them: whether a terminal is attached,
 * whether a person can be asked and shown live progress there (not {@code TERM=dumb}), whether a
 * full-screen view may take it (not in CI), and whether output is coloured ({@link Ansi#detect}:
 * a terminal, no {@code --no-color}, {@code NO_COLOR} unset or empty as no-color.org says, and not
 * {@code TERM=dumb}). The console, when there is one,
 * is read only through here (answers, hidden secret values).
 */
public final class TerminalFacts {
    private final Console console;
    private final boolean present;
    private final Map<String, String> env;

    TerminalFacts(Console console, boolean present, Map<String, String> env) {
        this.console = console;
        this.present = present;
        this.env = env;
    }

    /** A terminal (or none) with no console to read from: for tests of the rule. */
    TerminalFacts(boolean present, Map<String, String> env) { this(null, present, env); }

    /** This process's terminal. */
    static TerminalFacts system(Map<String, String> env) {
        Console c = System.console();
        return new TerminalFacts(c, attached(c), env);
    }

    /** No terminal: nothing to ask on, no colour, no live view. */
    static TerminalFacts none(Map<String, String> env) { return new TerminalFacts(null, false, env); }

    /** Whether this process talks to a terminal. */
    public boolean present() { return present; }

    /** A person can be asked, and shown live progress (the reading line, the wizard). */
    public boolean interactive() { return present && !"dumb".equals(env.get("TERM")); }

    /** A live full-screen view may take the terminal: interactive, and not a CI job ({@code CI=true}), whose log wants lines. */
    public boolean liveViews() { return interactive() && !"true".equals(env.get("CI")); }

    Ansi ansi(boolean noColorFlag) { return noColorFlag ? Ansi.NONE : Ansi.detect(env, present); }

    private int width = -1;
    private int height;

    /**
     * The terminal's width in columns, for wrapping plain output at word boundaries; 0 when there is
     * no terminal (a log or a pipe keeps its lines whole). {@code COLUMNS} if the shell exported it,
     * else what {@code stty} says of the terminal; asked once.
     */
    public synchronized int width() {
        if (width >= 0) return width;
        width = 0;
        if (!present) return width;
        String columns = env.get("COLUMNS"), lines = env.get("LINES");
        if (lines != null && lines.matches("\\d{1,4}")) height = Integer.parseInt(lines);
        if (columns != null && columns.matches("\\d{1,4}")) return width = Integer.parseInt(columns);
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] size = new String(p.getInputStream().readAllBytes()).trim().split(" ");
            if (p.waitFor() == 0 && size.length == 2 && size[1].matches("\\d{1,4}") && size[0].matches("\\d{1,4}")) {
                width = Integer.parseInt(size[1]);
                height = Integer.parseInt(size[0]);
            }
        } catch (java.io.IOException e) {
            // no stty: lines stay whole
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return width;
    }

    /** The terminal's height in rows, when known (0 otherwise): asked with {@link #width}. */
    public synchronized int height() {
        width();
        return height;
    }

    /** Whether there is a console to read an answer from. */
    public boolean canRead() { return console != null; }

    /** A line typed at the console, or null when there is none (or its input ended). */
    public String readLine() { return console == null ? null : console.readLine(); }

    /** A value typed at the console without echo, or null when there is none. */
    public char[] readHidden(String prompt) { return console == null ? null : console.readPassword("%s", prompt); }

    private static boolean attached(Console c) {
        if (c == null) return false;
        try { // Java 22+ returns a console even when redirected; isTerminal() tells the truth there.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
