package dev.gantry.wizard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The text encodings of list and pair answers, shared by every UI and by the flags. */
public final class AnswerText {
    private AnswerText() {}

    /** "a, b ,c" → [a, b, c]; blank → []. */
    public static List<String> list(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        for (String part : text.split("[,\\s]+")) if (!part.isBlank()) out.add(part.trim());
        return out;
    }

    public static String joinList(List<String> values) { return String.join(", ", values); }

    /** One NAME=VALUE per line; blank lines ignored. Lines without '=' map to null so validators can name them. */
    public static Map<String, String> pairs(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) return out;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) continue;
            int eq = l.indexOf('=');
            if (eq < 0) out.put(l, null);
            else out.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        return out;
    }

    public static String joinPairs(Map<String, String> pairs) {
        StringBuilder sb = new StringBuilder();
        pairs.forEach((k, v) -> {
            if (sb.length() > 0) sb.append('\n');
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }
}
