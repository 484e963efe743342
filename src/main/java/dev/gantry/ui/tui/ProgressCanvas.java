package dev.gantry.ui.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

import java.util.ArrayList;
import java.util.List;

/**
 * Clipped, single-line text on a lanterna {@link TextGraphics}. AWS messages may hold newlines or
 * tabs and any text may be longer than its pane, so everything drawn goes through here: control
 * characters become spaces and overlong text ends in an ellipsis instead of spilling into the
 * neighbouring pane.
 */
final class ProgressCanvas {
    private final TextGraphics g;
    private final boolean color;

    ProgressCanvas(TextGraphics g, boolean color) {
        this.g = g;
        this.color = color;
    }

    void text(int col, int row, int width, String s, TextColor fg, SGR... modifiers) {
        if (width <= 0 || s == null || s.isEmpty()) return;
        String clean = fit(clean(s), width);
        g.setForegroundColor(color && fg != null ? fg : TextColor.ANSI.DEFAULT);
        g.clearModifiers();
        for (SGR m : modifiers) if (m != null) g.enableModifiers(m);
        g.putString(col, row, clean);
        g.clearModifiers();
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    void text(int col, int row, int width, String s) { text(col, row, width, s, null); }

    /** A pane's title as a horizontal rule: {@code ── Resources ─────}. */
    void rule(int col, int row, int width, String title) {
        if (width <= 0) return;
        String head = "── " + title + " ";
        text(col, row, width, head + "─".repeat(Math.max(0, width - head.length())), TextColor.ANSI.CYAN, SGR.BOLD);
    }

    void verticalLine(int col, int top, int height) {
        g.setForegroundColor(color ? TextColor.ANSI.CYAN : TextColor.ANSI.DEFAULT);
        for (int r = top; r < top + height; r++) g.setCharacter(col, r, '│');
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.toString();
    }

    static String fit(String s, int width) {
        if (s.length() <= width) return s;
        return width <= 1 ? s.substring(0, width) : s.substring(0, width - 1) + "…";
    }

    /** Words onto lines of at most {@code width} characters; a word longer than a line is cut. */
    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        if (text == null || width <= 0) return out;
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : clean(paragraph).trim().split(" +")) {
                while (word.length() > width) {
                    if (line.length() > 0) {
                        out.add(line.toString());
                        line.setLength(0);
                    }
                    out.add(word.substring(0, width));
                    word = word.substring(width);
                }
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) line.append(' ');
                line.append(word);
            }
            if (line.length() > 0) out.add(line.toString());
        }
        return out;
    }
}
