package dev.gantry.cli.command;

import picocli.CommandLine;

/**
 * {@code gantry}, {@code gantry -h} and {@code gantry --help}: the top-level usage, written out
 * here instead of by picocli, whose model of the commands (built by reflection over annotations)
 * costs more than printing needs. The text is picocli's layout to the character, colours included
 * (CommandsTest compares the two for plain and coloured output), made from the same constants the
 * {@code @Command} annotations use: {@link GantryCommand#DESCRIPTION} and {@link Commands#ALL}.
 */
public final class TopLevelHelp {
    /** picocli's usage width, unless {@code picocli.usage.width} asks for another (then picocli prints it). */
    private static final int WIDTH = 80;

    private TopLevelHelp() {}

    /** True for exactly {@code gantry}, {@code gantry -h} and {@code gantry --help}. */
    public static boolean asked(String... args) {
        if (System.getProperty("picocli.usage.width") != null) return false;
        return args.length == 0 || args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"));
    }

    /** The usage, coloured or not as the command context's rule says (Main asks it). */
    public static String text(boolean ansi) {
        Styles s = new Styles(ansi);
        String nl = System.lineSeparator();
        StringBuilder b = new StringBuilder();
        b.append("Usage: ").append(s.command("gantry")).append(" [").append(s.option("-hV")).append("] [COMMAND]").append(nl);
        wrap(b, "", GantryCommand.DESCRIPTION, 0, WIDTH, nl);
        // picocli's standard help options (mixinStandardHelpOptions), in its option layout.
        b.append("  ").append(s.option("-h")).append(", ").append(s.option("--help"))
                .append("      Show this help message and exit.").append(nl);
        b.append("  ").append(s.option("-V")).append(", ").append(s.option("--version"))
                .append("   Print version information and exit.").append(nl);
        b.append("Commands:").append(nl);
        int nameWidth = 0;
        for (Commands.Sub sub : Commands.ALL) nameWidth = Math.max(nameWidth, sub.name().length());
        nameWidth = Math.min(nameWidth, WIDTH / 2) + 2;
        for (Commands.Sub sub : Commands.ALL) {
            // The name column: two spaces and the name, padded to the widest name.
            String lead = "  " + s.command(sub.name()) + " ".repeat(Math.max(0, nameWidth - 2 - sub.name().length()));
            wrap(b, lead, sub.summary(), nameWidth, WIDTH, nl);
        }
        return b.toString();
    }

    /**
     * picocli's wrapping of a description column that starts at {@code column}: words (with the
     * spaces after them) fill a line while they fit the column's width less its two-space indent;
     * continuation lines are indented two more; trailing spaces are trimmed.
     */
    private static void wrap(StringBuilder b, String lead, String text, int column, int width, String nl) {
        int indent = column == 0 ? 0 : 2;
        int room = width - column;
        StringBuilder line = new StringBuilder(lead).append(" ".repeat(indent));
        int used = indent;
        int i = 0;
        while (i < text.length()) {
            int end = text.indexOf(' ', i);
            end = end < 0 ? text.length() : end;
            while (end < text.length() && text.charAt(end) == ' ') end++;
            String word = text.substring(i, end);
            if (used + word.length() > room && used > indent) {
                b.append(rtrim(line)).append(nl);
                indent = column == 0 ? 0 : 4;
                line = new StringBuilder(" ".repeat(column + indent));
                used = indent;
            }
            line.append(word);
            used += word.length();
            i = end;
        }
        b.append(rtrim(line)).append(nl);
    }

    private static String rtrim(CharSequence s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') end--;
        return s.subSequence(0, end).toString();
    }

    /** picocli's default colour scheme: commands bold, options yellow, each followed by a reset. */
    private record Styles(boolean on) {
        String command(String text) { return on ? "\u001B[1m" + text + "\u001B[21m\u001B[0m" : text; }
        String option(String text) { return on ? "\u001B[33m" + text + "\u001B[39m\u001B[0m" : text; }
    }
}
