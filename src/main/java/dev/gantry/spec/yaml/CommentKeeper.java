package dev.gantry.spec.yaml;

import dev.gantry.spec.yaml.CommentLayout.Block;
import dev.gantry.spec.yaml.CommentLayout.BlockLine;
import dev.gantry.spec.yaml.CommentLayout.Content;
import dev.gantry.spec.yaml.CommentLayout.Piece;
import dev.gantry.spec.yaml.CommentLayout.Place;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries the person's comments from the spec as it was into the spec {@link SpecWriter} rewrote:
 * a comment whose key is still there stays with it, on its own line above it (or at the end of its
 * map or list, or at the top of the file) or after its value; gantry's own explanations
 * ({@link OwnComments}) are written fresh for the new values, never twice. Comments whose key is
 * gone are left out and listed, so the person is told before anything is written.
 */
public final class CommentKeeper {
    private CommentKeeper() {}

    /** A comment of the old file that has no place in the new one: its key was removed. */
    public record Dropped(int line, String comment, String path) {
        /** {@code line 12: "# owned by team-x" (cluster)}. */
        public String describe() { return "line " + line + ": \"" + comment + "\"" + (path.isEmpty() ? "" : " (" + path + ")"); }
    }

    /** The new text with the comments kept, and the ones that could not be. */
    public record Kept(String text, List<Dropped> dropped) {}

    public static Kept keep(String original, String rewritten) {
        original = original.replace("\r\n", "\n");
        CommentLayout before, after;
        try {
            before = CommentLayout.of(original);
            after = CommentLayout.of(listsShapedAsBefore(before, rewritten));
        } catch (RuntimeException notYaml) {
            return new Kept(rewritten, everyUserComment(original));
        }
        Map<String, Block> blocks = new HashMap<>();
        Map<String, Content> eols = new HashMap<>();
        for (Piece p : before.pieces) {
            if (p instanceof Block b) blocks.putIfAbsent(b.key(), b);
            if (p instanceof Content c && c.path() != null && c.eol() >= 0) eols.putIfAbsent(c.path(), c);
        }
        Set<Piece> placed = Collections.newSetFromMap(new IdentityHashMap<>());
        StringBuilder out = new StringBuilder();
        for (Piece p : after.pieces) {
            if (p instanceof Block b) {
                Block old = blocks.get(b.key());
                if (old != null) placed.add(old);
                merge(old, b).forEach(l -> out.append(l).append('\n'));
            } else if (p instanceof Content c) {
                Content old = c.path() == null ? null : eols.get(c.path());
                String line = c.text();
                if (old != null && placed.add(old) && isUsers(old.comment(), c.comment())) line = c.body() + old.commentAsWritten();
                out.append(line).append('\n');
            }
        }
        return new Kept(out.toString(), dropped(before, placed, after));
    }

    /**
     * gantry writes lists on one line ({@code [a, b]}); a list the person wrote one item per line
     * stays that way, so the comments on its items keep a line to stay on.
     */
    private static String listsShapedAsBefore(CommentLayout before, String rewritten) {
        if (before.blockLists.isEmpty()) return rewritten;
        CommentLayout written = CommentLayout.of(rewritten);
        List<String> lines = new ArrayList<>(List.of(rewritten.split("\n", -1)));
        written.flowLists.entrySet().stream()
                .filter(e -> before.blockLists.contains(e.getKey()) && !e.getValue().items().isEmpty())
                .sorted((a, b) -> b.getValue().line() - a.getValue().line())
                .forEach(e -> {
                    CommentLayout.FlowList list = e.getValue();
                    String line = lines.get(list.line() - 1);
                    String indent = line.substring(0, line.length() - line.stripLeading().length());
                    String after = line.substring(list.close() + 1).strip();
                    List<String> block = new ArrayList<>();
                    block.add(line.substring(0, list.open()).stripTrailing() + (after.isEmpty() ? "" : "  " + after));
                    list.items().forEach(item -> block.add(indent + "  - " + item));
                    lines.remove(list.line() - 1);
                    lines.addAll(list.line() - 1, block);
                });
        return String.join("\n", lines);
    }

    /** The old block with gantry's explanations swapped for the new ones; the new block alone when the person wrote none of it. */
    private static List<String> merge(Block old, Block now) {
        List<String> fresh = new ArrayList<>(), freshComments = new ArrayList<>(), freshTexts = new ArrayList<>();
        for (BlockLine l : now.lines()) {
            fresh.add(l.text());
            if (l.comment()) { freshComments.add(l.text()); freshTexts.add(l.commentText()); }
        }
        if (old == null || old.lines().stream().noneMatch(l -> l.comment() && isUsers(l.commentText(), freshTexts))) return fresh;
        boolean hasOwn = old.lines().stream().anyMatch(l -> l.comment() && !isUsers(l.commentText(), freshTexts));
        List<String> out = new ArrayList<>();
        boolean inserted = false;
        if (!hasOwn && now.place() == Place.HEAD) { out.addAll(freshComments); inserted = true; }
        else if (!hasOwn && (old.lines().isEmpty() || old.lines().get(0).comment())) {
            // A section gantry separates with a blank line stays separated.
            for (BlockLine l : now.lines()) { if (l.comment()) break; out.add(""); }
        }
        for (BlockLine l : old.lines()) {
            if (!l.comment()) out.add("");
            else if (isUsers(l.commentText(), freshTexts)) out.add(reindent(l.text(), now.indent() - old.indent()));
            else if (!inserted) { out.addAll(freshComments); inserted = true; }
        }
        if (!inserted) out.addAll(freshComments);
        return out;
    }

    private static boolean isUsers(String text, List<String> gantrysHere) {
        return text != null && !OwnComments.isOwn(text) && !gantrysHere.contains(text.strip());
    }

    private static boolean isUsers(String text, String gantrysHere) {
        return isUsers(text, gantrysHere == null ? List.of() : List.of(gantrysHere));
    }

    private static String reindent(String line, int by) {
        if (by >= 0) return " ".repeat(by) + line;
        int spaces = 0;
        while (spaces < -by && spaces < line.length() && line.charAt(spaces) == ' ') spaces++;
        return line.substring(spaces);
    }

    private static List<Dropped> dropped(CommentLayout before, Set<Piece> placed, CommentLayout after) {
        List<Dropped> out = new ArrayList<>();
        for (Piece p : before.pieces) {
            if (placed.contains(p)) continue;
            if (p instanceof Block b) {
                for (BlockLine l : b.lines()) {
                    if (l.comment() && isUsers(l.commentText(), List.of())) out.add(new Dropped(l.number(), l.text().strip(), b.path()));
                }
            } else if (p instanceof Content c && c.eol() >= 0 && isUsers(c.comment(), List.of())) {
                out.add(new Dropped(c.number(), c.text().substring(c.eol()).strip(), c.path() == null ? "" : c.path()));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Dropped::line));
        return out;
    }

    private static List<Dropped> everyUserComment(String original) {
        List<Dropped> out = new ArrayList<>();
        String[] lines = original.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String s = lines[i].strip();
            if (s.startsWith("#") && !OwnComments.isOwn(s.substring(1))) out.add(new Dropped(i + 1, s, ""));
        }
        return out;
    }
}
