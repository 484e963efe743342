package dev.gantry.cli.option;

/** Words of a command gantry prints for a person to paste into a POSIX shell. */
public final class ShellWords {
    private ShellWords() {}

    /** {@code s} as one shell word: unchanged when it is plain, else in single quotes. */
    public static String quote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9@%+=:,./_-]+")) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
