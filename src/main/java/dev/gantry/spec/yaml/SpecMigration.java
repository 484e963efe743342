package dev.gantry.spec.yaml;

import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a version-1 gantry.yaml as version 2 with one service named after the app, moving the
 * person's lines rather than writing the file anew, so every comment stays where it was written:
 * {@code task} and {@code service} go under {@code services.APP}, the health check of
 * {@code loadBalancer} under its {@code public}, {@code dns.record} becomes its route. The result is
 * read back and must describe the same app (same services, same shared pieces), which is what keeps
 * every address, and so the running stack, as it was.
 */
public final class SpecMigration {
    private SpecMigration() {}

    /** The keys of version 1's {@code loadBalancer} that are each public service's in version 2. */
    private static final List<String> PER_SERVICE = EdgeBinder.LOAD_BALANCER_KEYS.stream()
            .filter(k -> !ServicesBinder.SHARED_LOAD_BALANCER_KEYS.contains(k)).toList();

    /** What gantry's templates and init wrote above version: 1, no longer true after the move. */
    private static final String VERSION_1_COMMENT = "# The spec format; only version 1 exists.";
    private static final String VERSION_2_COMMENT = "# The spec format; version 2 holds several services (docs/spec.md).";

    /** The version-2 text of a valid version-1 file; a SpecException (exit 2) for anything else. */
    public static String toVersion2(String fileName, String text) throws SpecException {
        text = text.replace("\r\n", "\n");
        SpecLoader.Result before = SpecLoader.check(fileName, text);
        if (!before.valid()) throw new SpecException(before.diagnostics());
        Spec v1 = before.spec();
        if (v1.isVersion2()) {
            throw refused(fileName, "the file is already version 2", "nothing to do; gantry validate -f " + fileName + " checks it");
        }
        Node.MapNode root = (Node.MapNode) YamlTree.parse(fileName, text, new ArrayList<>());
        String[] lines = text.split("\n", -1);
        List<Span> spans = spans(root, lines);
        Map<String, Node.Entry> top = root.entries();

        StringBuilder services = new StringBuilder("\nservices:\n  " + v1.app() + ":\n");
        boolean firstBlock = true;
        for (String key : List.of("task", "service")) {
            Span s = find(spans, key);
            if (s == null) continue;
            if (!firstBlock && lines[s.from].isBlank()) services.append('\n');
            indent(services, lines, s.from, s.to, 4);
            firstBlock = false;
        }
        Node.Entry lb = top.get("loadBalancer");
        Node.Entry dns = top.get("dns");
        String record = v1.dns() == null ? null : v1.dns().record();
        List<int[]> movedLb = new ArrayList<>();
        List<int[]> droppedDns = new ArrayList<>();
        if (dns != null && dns.value() instanceof Node.MapNode m) {
            if (m.line() == dns.line()) {
                throw refused(fileName, "dns is written on one line ({…}); migrate moves lines and cannot split it",
                        "write dns's fields one per line below it, then run gantry migrate again");
            }
            droppedDns.addAll(childSpans(dns, m, lines, List.of("record")));
        }
        if (lb != null) {
            if (!(lb.value() instanceof Node.MapNode m) || m.line() == lb.line()) {
                if (lb.value() instanceof Node.MapNode m2 && !m2.entries().isEmpty()) {
                    throw refused(fileName, "loadBalancer is written on one line ({…}); migrate moves lines and cannot split it",
                            "write loadBalancer's fields one per line below it, then run gantry migrate again");
                }
            } else {
                movedLb.addAll(childSpans(lb, m, lines, PER_SERVICE));
            }
            services.append("    public:\n");
            // dns.record's own comments stay with it, now the route.
            for (int[] c : droppedDns) {
                for (int i = c[0]; i < c[1]; i++) if (lines[i].stripLeading().startsWith("#")) services.append("    ").append(lines[i]).append('\n');
            }
            String eol = droppedDns.isEmpty() ? "" : trailingComment(lines[droppedDns.get(0)[1] - 1]);
            if (record != null) services.append("      routes: [").append(record).append("]").append(eol).append("\n");
            for (int[] c : movedLb) indent(services, lines, c[0], c[1], 4);
            if (record == null && movedLb.isEmpty()) {
                services.setLength(services.length() - 1);
                services.append(" {}\n");
            }
        }

        StringBuilder out = new StringBuilder();
        int first = spans.isEmpty() ? lines.length : spans.get(0).from;
        for (int i = 0; i < first; i++) out.append(lines[i]).append('\n');
        boolean placed = false;
        for (Span s : spans) {
            if (s.key.equals("task") || s.key.equals("service")) {
                if (!placed) out.append(services);
                placed = true;
                continue;
            }
            List<int[]> skip = s.key.equals("loadBalancer") ? movedLb : s.key.equals("dns") ? droppedDns : List.of();
            for (int i = s.from; i < s.to; i++) {
                int line = i;
                if (skip.stream().anyMatch(c -> line >= c[0] && line < c[1])) continue;
                String l = lines[i];
                if (s.key.equals("version") && i == top.get("version").line() - 1) l = l.replaceFirst("^version:(\\s*)1\\b", "version:$12");
                if (l.equals(VERSION_1_COMMENT)) l = VERSION_2_COMMENT;
                out.append(l).append('\n');
            }
        }
        if (!placed) out.append(services);
        String result = out.toString();
        while (result.endsWith("\n\n")) result = result.substring(0, result.length() - 1);
        if (lb != null && v1.loadBalancer() != null && onlyKey(result, "loadBalancer")) {
            result = result.replaceFirst("(?m)^loadBalancer:[ \\t]*$", "loadBalancer: {}");
        }
        check(fileName, v1, result);
        return result;
    }

    /** A top-level key whose fields all moved away would read as null; it becomes {} (the shared defaults). */
    private static boolean onlyKey(String text, String key) {
        String[] ls = text.split("\n", -1);
        for (int i = 0; i < ls.length; i++) {
            if (ls[i].matches(key + ":[ \\t]*")) {
                for (int j = i + 1; j < ls.length; j++) {
                    if (ls[j].isBlank() || ls[j].stripLeading().startsWith("#")) continue;
                    return !ls[j].startsWith(" ");
                }
                return true;
            }
        }
        return false;
    }

    /** The new text must describe the very app the old one did, or nothing is written. */
    private static void check(String fileName, Spec v1, String text) throws SpecException {
        SpecLoader.Result after = SpecLoader.check(fileName, text);
        Spec v2 = after.spec();
        boolean same = v2 != null && v2.services().equals(v1.services()) && v2.network().equals(v1.network())
                && v2.cluster().equals(v1.cluster()) && java.util.Objects.equals(v2.loadBalancer(), v1.loadBalancer())
                && java.util.Objects.equals(v2.certificate(), v1.certificate()) && java.util.Objects.equals(v2.dns(), v1.dns())
                && java.util.Objects.equals(v2.alerts(), v1.alerts()) && java.util.Objects.equals(v2.release(), v1.release())
                && v2.jobs().equals(v1.jobs()) && v2.tags().equals(v1.tags());
        if (!same) {
            throw refused(fileName, "gantry could not rewrite this file as version 2 without changing what it describes"
                    + (v2 == null ? " (" + after.errors().get(0).message() + ")" : ""),
                    "write it by hand (docs/spec.md, \"Version 2: several services\"); the file was not changed");
        }
    }

    /** A top-level entry's lines: from the unindented comments and blank lines above its key to the next entry's. */
    private record Span(String key, int from, int to) {}

    private static List<Span> spans(Node.MapNode root, String[] lines) {
        List<Node.Entry> entries = new ArrayList<>(root.entries().values());
        int[] starts = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            int from = entries.get(i).line() - 1;
            int floor = i == 0 ? 0 : entries.get(i - 1).line();
            while (from - 1 >= floor && (lines[from - 1].isBlank() || lines[from - 1].startsWith("#"))) from--;
            starts[i] = from;
        }
        // The file's opening comments stay at the top, before the first key's own lines.
        if (entries.size() > 0) starts[0] = firstOwnLine(lines, starts[0], entries.get(0).line() - 1);
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            int to = i + 1 < entries.size() ? starts[i + 1] : lines.length;
            out.add(new Span(entries.get(i).key(), starts[i], to));
        }
        return out;
    }

    /** The comments right above the first key (no blank line between) are its own; those above a blank line, the file's. */
    private static int firstOwnLine(String[] lines, int from, int key) {
        int own = key;
        while (own - 1 >= from && lines[own - 1].startsWith("#")) own--;
        return own;
    }

    private static Span find(List<Span> spans, String key) {
        return spans.stream().filter(s -> s.key.equals(key)).findFirst().orElse(null);
    }

    /** The lines of each child of {@code map} named in {@code keys}: from the comments just above it to the next child's. */
    private static List<int[]> childSpans(Node.Entry parent, Node.MapNode map, String[] lines, List<String> keys) {
        List<Node.Entry> entries = new ArrayList<>(map.entries().values());
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!keys.contains(entries.get(i).key())) continue;
            int key = entries.get(i).line() - 1;
            int from = key;
            int floor = i == 0 ? parent.line() : entries.get(i - 1).line();
            while (from - 1 >= floor && lines[from - 1].stripLeading().startsWith("#") && lines[from - 1].startsWith(" ")) from--;
            int to = key + 1;
            int next = i + 1 < entries.size() ? entries.get(i + 1).line() - 1 : Integer.MAX_VALUE;
            // A value spanning lines (a block list) runs on while lines are more indented than the key.
            int keyIndent = indentOf(lines[key]);
            while (to < lines.length && to < next && !lines[to].isBlank() && indentOf(lines[to]) > keyIndent
                    && !lines[to].stripLeading().startsWith("#")) to++;
            out.add(new int[]{from, to});
        }
        return out;
    }

    /** A line's comment after its value ({@code record: x  # ours} → {@code   # ours}), or "". */
    private static String trailingComment(String line) {
        int at = line.indexOf(" #");
        if (at < 0 || line.indexOf('"') >= 0 || line.indexOf('\'') >= 0) return "";
        int start = at;
        while (start > 0 && line.charAt(start - 1) == ' ') start--;
        return line.substring(start);
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') n++;
        return n;
    }

    private static void indent(StringBuilder out, String[] lines, int from, int to, int by) {
        while (from < to && lines[from].isBlank()) from++;
        int end = to;
        while (end > from && lines[end - 1].isBlank()) end--;
        String pad = " ".repeat(by);
        for (int i = from; i < end; i++) out.append(lines[i].isEmpty() ? "" : pad + lines[i]).append('\n');
    }

    private static SpecException refused(String file, String message, String fix) {
        return new SpecException(List.of(Diagnostic.error(file, 1, 1, "version", message, fix)));
    }
}
