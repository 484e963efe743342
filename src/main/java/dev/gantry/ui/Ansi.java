package dev.gantry.ui;

/**
 * ANSI colours for line output, or none: CI logs, {@code NO_COLOR} and {@code TERM=dumb} get plain
 * text, so every caller goes through one switch.
 */
public final class Ansi {
    private final boolean enabled;

    public Ansi(boolean enabled) { this.enabled = enabled; }

    public static final Ansi NONE = new Ansi(false);

    /** Colour only for a terminal that is not dumb, unless NO_COLOR is set (https://no-color.org). */
    public static Ansi detect(java.util.Map<String, String> env, boolean terminal) {
        String noColor = env.get("NO_COLOR");
        boolean off = (noColor != null && !noColor.isEmpty()) || "dumb".equals(env.get("TERM"));
        return new Ansi(terminal && !off);
    }

    public boolean enabled() { return enabled; }

    public String green(String s) { return wrap("32", s); }
    public String yellow(String s) { return wrap("33", s); }
    public String red(String s) { return wrap("31", s); }
    public String cyan(String s) { return wrap("36", s); }
    public String bold(String s) { return wrap("1", s); }
    public String dim(String s) { return wrap("2", s); }

    private String wrap(String code, String s) {
        return enabled && !s.isEmpty() ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
