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
}
