package dev.gantry.text;

/**
 * Text gantry read from AWS (a lock's fields, tags, names, service events, stopped reasons, log
 * lines), made safe to put into gantry's own messages: a terminal obeys control characters, so
 * raw they could clear the screen (ESC[2J), retitle the window (OSC), ring the bell, rewrite a
 * line (CR) or forge one that looks like gantry's (a newline). Each such character is shown as an
 * escape instead ({@code \x1b}, {@code \n}, {@code \u202e}); everything else is kept as it is.
 */
public final class Untrusted {
    private Untrusted() {}

    /** {@code s} with every control character escaped; null stays null. */
    public static String text(String s) {
        if (s == null) return null;
        int i = 0;
        while (i < s.length() && !control(s.charAt(i))) i++;
        if (i == s.length()) return s;
        StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!control(c)) b.append(c);
            else if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c == '\t') b.append("\\t");
            else if (c < 0x100) b.append(String.format("\\x%02x", (int) c));
            else b.append(String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }

    /**
     * C0 and C1 controls (ESC, BEL, CR, LF, the 8-bit CSI …), DEL, the Unicode line and paragraph
     * separators, and the bidirectional overrides and isolates that reorder what a line shows.
     */
    static boolean control(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029'
                || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069';
    }
}
