package dev.gantry.wizard;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two spec files (old vs new), shown before an edit is written so the person sees
 * exactly what changes. Longest common subsequence; unchanged runs are cut to a little context.
 */
public final class LineDiff {
    private LineDiff() {}

    public static final int CONTEXT = 2;

    /** Lines prefixed "  " (same), "- " (removed), "+ " (added); "  …" marks skipped unchanged lines. Empty when equal. */
    public static List<String> diff(String oldText, String newText) {
        String[] a = oldText.split("\n", -1), b = newText.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> all = new ArrayList<>();
        int i = 0, j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) { all.add("  " + a[i]); i++; j++; }
            else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) all.add("- " + a[i++]);
            else all.add("+ " + b[j++]);
        }
        if (all.stream().allMatch(l -> l.startsWith("  "))) return List.of();
        return withContext(all);
    }

    private static List<String> withContext(List<String> all) {
        boolean[] keep = new boolean[all.size()];
        for (int k = 0; k < all.size(); k++) {
            if (!all.get(k).startsWith("  ")) {
                for (int d = Math.max(0, k - CONTEXT); d <= Math.min(all.size() - 1, k + CONTEXT); d++) keep[d] = true;
            }
        }
        List<String> out = new ArrayList<>();
        boolean skipped = false;
        for (int k = 0; k < all.size(); k++) {
            if (keep[k]) { out.add(all.get(k)); skipped = false; }
            else if (!skipped) { out.add("  …"); skipped = true; }
        }
        return out;
    }
}
