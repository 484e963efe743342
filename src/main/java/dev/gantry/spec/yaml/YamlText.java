package dev.gantry.spec.yaml;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Writes scalars so YAML reads them back as the same text (quoting 8080, yes, null, "a: b", …). */
final class YamlText {
    private YamlText() {}

    private static final Pattern PLAIN = Pattern.compile("^[A-Za-z0-9_/][A-Za-z0-9_ ./@:+=,*-]*$");
    private static final Pattern FLOW_PLAIN = Pattern.compile("^[A-Za-z0-9_/][A-Za-z0-9_./@:+=*-]*$");
    private static final List<String> RESERVED = List.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");

    static String scalar(String s) { return plain(s, PLAIN) ? s : quoted(s); }

    /** A list on one line: {@code [a, b]}. */
    static String flowList(List<String> items) {
        return items.stream().map(s -> plain(s, FLOW_PLAIN) ? s : quoted(s)).collect(Collectors.joining(", ", "[", "]"));
    }

    private static boolean plain(String s, Pattern allowed) {
        if (s.isEmpty() || !allowed.matcher(s).matches()) return false;
        if (RESERVED.contains(s.toLowerCase(Locale.ROOT))) return false;
        if (s.contains(": ") || s.contains(" #") || s.endsWith(":") || s.endsWith(" ") || s.startsWith("*")) return false;
        // Anything that starts like a number may be read as one (8080, 1e3, 0x1F, 1_000, 12:30).
        char c = s.charAt(0);
        return !(Character.isDigit(c) && s.matches("^[0-9][0-9_.:eExXa-fA-F+-]*$"));
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) b.append(String.format("\\x%02x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
