package dev.gantry.spec;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean …?": the nearest candidate by edit distance, when it is near enough to be a typo. */
public final class Suggest {
    private Suggest() {}

    /** The closest candidate (case-insensitive), or null when none is within a typo's distance. */
    public static String nearest(String word, Collection<String> candidates) {
        if (word == null || word.isEmpty()) return null;
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) { best = c; bestDistance = d; }
        }
        // A third of the word's length, at least 2: "contaner" finds "container", "foo" finds nothing.
        int allowed = Math.max(2, w.length() / 3);
        return bestDistance <= allowed ? best : null;
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
