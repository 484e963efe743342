package dev.gantry.ui.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/**
 * The shell's (readline's emacs mode) editing keys on one line of text, with no UI: Ctrl-A/Home
 * start, Ctrl-E/End end, Ctrl-U kill to start, Ctrl-K kill to end, Ctrl-W kill the previous
 * whitespace-separated word, Alt-Backspace the previous word, Alt-B/Alt-F (and Ctrl-←/→) a word
 * left/right, Delete and Ctrl-D the character under the cursor.
 */
final class LineEdit {
    private LineEdit() {}

    /** The line and caret after the key. */
    record Result(String line, int caret) {}

    /** What the key does to the line at the caret; null when it is not an editing key handled here. */
    static Result apply(KeyStroke key, String line, int caret) {
        KeyType t = key.getKeyType();
        if (t == KeyType.Home) return new Result(line, 0);
        if (t == KeyType.End) return new Result(line, line.length());
        if (t == KeyType.Delete) return deleteAt(line, caret);
        if (t == KeyType.Backspace && key.isAltDown()) return kill(line, wordStart(line, caret), caret);
        if (t == KeyType.ArrowLeft && key.isCtrlDown()) return new Result(line, wordStart(line, caret));
        if (t == KeyType.ArrowRight && key.isCtrlDown()) return new Result(line, wordEnd(line, caret));
        if (t != KeyType.Character) return null;
        char c = Character.toLowerCase(key.getCharacter());
        if (key.isCtrlDown() && !key.isAltDown()) {
            return switch (c) {
                case 'a' -> new Result(line, 0);
                case 'e' -> new Result(line, line.length());
                case 'u' -> kill(line, 0, caret);
                case 'k' -> kill(line, caret, line.length());
                case 'w' -> kill(line, spaceWordStart(line, caret), caret);
                case 'd' -> deleteAt(line, caret);
                case 'b' -> new Result(line, Math.max(0, caret - 1));
                case 'f' -> new Result(line, Math.min(line.length(), caret + 1));
                default -> null;
            };
        }
        if (key.isAltDown() && !key.isCtrlDown()) {
            return switch (c) {
                case 'b' -> new Result(line, wordStart(line, caret));
                case 'f' -> new Result(line, wordEnd(line, caret));
                case 'd' -> kill(line, caret, wordEnd(line, caret));
                default -> null;
            };
        }
        return null;
    }

    private static Result deleteAt(String line, int caret) {
        return caret < line.length() ? kill(line, caret, caret + 1) : new Result(line, caret);
    }

    private static Result kill(String line, int from, int to) {
        return new Result(line.substring(0, from) + line.substring(to), from);
    }

    private static boolean word(char c) { return Character.isLetterOrDigit(c); }

    /** Back over non-word characters, then over the word (readline's backward-word). */
    static int wordStart(String line, int caret) {
        int i = caret;
        while (i > 0 && !word(line.charAt(i - 1))) i--;
        while (i > 0 && word(line.charAt(i - 1))) i--;
        return i;
    }

    /** Forward over non-word characters, then over the word (readline's forward-word). */
    static int wordEnd(String line, int caret) {
        int i = caret;
        while (i < line.length() && !word(line.charAt(i))) i++;
        while (i < line.length() && word(line.charAt(i))) i++;
        return i;
    }

    /** Ctrl-W's word: back over spaces, then to the previous space (unix-word-rubout). */
    private static int spaceWordStart(String line, int caret) {
        int i = caret;
        while (i > 0 && line.charAt(i - 1) == ' ') i--;
        while (i > 0 && line.charAt(i - 1) != ' ') i--;
        return i;
    }
}
