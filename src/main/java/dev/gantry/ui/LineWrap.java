package dev.gantry.ui;

import java.util.ArrayList;
import java.util.List;

/** Word wrapping for explanations, shared by the line prompts and the lanterna panes. */
public final class LineWrap {
    private LineWrap() {}

    /** Wraps each paragraph (split on newlines) to width; a "• " bullet's continuation lines are indented. */
    public static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        for (String para : text.split("\n")) {
            String indent = para.startsWith("• ") ? "  " : "";
            StringBuilder line = new StringBuilder();
            for (String word : para.trim().split(" +")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    out.add(line.toString());
                    line = new StringBuilder(indent);
                }
                if (line.length() > 0 && !line.toString().equals(indent)) line.append(' ');
                while (word.length() > width - line.length() && width - line.length() > 0 && word.length() > width) {
                    int room = width - line.length();
                    line.append(word, 0, room);
                    out.add(line.toString());
                    line = new StringBuilder(indent);
                    word = word.substring(room);
                }
                line.append(word);
            }
            out.add(line.toString());
        }
        return out;
    }

    /** Markers a line may start with (after its indent): continuation lines line up after them. */
    private static final java.util.regex.Pattern MARKER =
            java.util.regex.Pattern.compile("^( *)((?:-/\\+|[-+~✗✓!•]|fix:|\\d+:\\d\\d) )?");
    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("\\S+");
    private static final java.util.regex.Pattern ESCAPE = java.util.regex.Pattern.compile("\u001B\\[[0-9;]*m");

    /**
     * Each line of {@code text} wrapped at word boundaries to {@code width} columns, as a terminal
     * would otherwise break it mid-word; continuation lines are indented like the line, past a
     * leading marker ({@code + }, {@code ✗ }, {@code fix: }, a time stamp) and two more spaces.
     * Colour escapes take no room. A width of 0 or less (no terminal: a CI log, a pipe) changes nothing.
     */
    public static String block(String text, int width) {
        if (width <= 0 || text.isEmpty()) return text;
        StringBuilder b = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) b.append('\n');
            line(b, lines[i], width);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String line, int width) {
        if (visible(line) <= width) { b.append(line); return; }
        java.util.regex.Matcher m = MARKER.matcher(ESCAPE.matcher(line).replaceAll(""));
        m.find();
        int hang = m.group(2) == null ? m.group(1).length() + 2 : m.end();
        if (hang > width / 2) hang = Math.min(m.group(1).length() + 2, width / 2);
        String pad = " ".repeat(hang);
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') lead++;
        StringBuilder current = new StringBuilder(line.substring(0, lead));
        int used = lead;
        boolean empty = true;
        java.util.regex.Matcher word = WORD.matcher(line);
        int end = lead;
        while (word.find(end)) {
            String gap = line.substring(end, word.start());
            int w = visible(word.group());
            if (!empty && used + gap.length() + w > width) {
                b.append(current).append('\n');
                current = new StringBuilder(pad);
                used = hang;
                empty = true;
            }
            if (!empty) { current.append(gap); used += gap.length(); }
            current.append(word.group());
            used += w;
            empty = false;
            end = word.end();
        }
        b.append(current);
    }

    /** Columns a piece of text takes on a terminal: its characters less colour escapes. */
    static int visible(String s) {
        return ESCAPE.matcher(s).replaceAll("").codePointCount(0, ESCAPE.matcher(s).replaceAll("").length());
    }
}
