package dev.gantry.spec.yaml;

import dev.gantry.spec.Diagnostic;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gantry.yaml (or a draft of it) as plain values: maps, lists, text, whole numbers, true/false,
 * null. Read with the same parser as {@link SpecLoader} (without its checks, so a file with
 * mistakes still opens in the wizard), and written back as block YAML that it reads the same way.
 */
public final class SpecTree {
    private SpecTree() {}

    /** The document's top-level map; empty for an empty file or one that is not a map. Throws on a syntax error. */
    public static Map<String, Object> read(String fileName, String text) throws IOException {
        List<Diagnostic> problems = new ArrayList<>();
        Node root = YamlTree.parse(fileName, text, problems);
        if (root == null) {
            // An empty file is a new spec; anything else the parser could not read is an error.
            Diagnostic d = problems.stream().filter(p -> !p.message().equals("the file is empty")).findFirst().orElse(null);
            if (d != null) throw new IOException(d.line() + ":" + d.column() + ": " + d.message());
            return new LinkedHashMap<>();
        }
        return root instanceof Node.MapNode m ? map(m) : new LinkedHashMap<>();
    }

    private static Map<String, Object> map(Node.MapNode m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.entries().forEach((k, e) -> out.put(k, plain(e.value())));
        return out;
    }

    private static Object plain(Node n) {
        if (n instanceof Node.MapNode m) return map(m);
        if (n instanceof Node.ListNode l) {
            List<Object> items = new ArrayList<>();
            l.items().forEach(i -> items.add(plain(i)));
            return items;
        }
        Node.ScalarNode s = (Node.ScalarNode) n;
        return s.value() instanceof BigInteger b && b.bitLength() < 32 ? b.intValue() : s.value();
    }

    /** Block YAML of a tree {@link #read} returns: maps indented by two, lists of scalars on one line. */
    public static String write(Map<String, Object> tree) {
        StringBuilder out = new StringBuilder();
        writeMap(tree, "", out);
        return out.toString();
    }

    private static void writeMap(Map<?, ?> map, String indent, StringBuilder out) {
        map.forEach((k, v) -> {
            out.append(indent).append(YamlText.scalar(String.valueOf(k))).append(':');
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                out.append('\n');
                writeMap(m, indent + "  ", out);
            } else if (v instanceof List<?> l && l.stream().anyMatch(i -> i instanceof Map || i instanceof List)) {
                out.append('\n');
                for (Object i : l) {
                    out.append(indent).append("  -");
                    if (i instanceof Map<?, ?> m && !m.isEmpty()) {
                        out.append('\n');
                        writeMap(m, indent + "    ", out);
                    } else {
                        out.append(' ').append(scalar(i)).append('\n');
                    }
                }
            } else {
                out.append(' ').append(scalar(v)).append('\n');
            }
        });
    }

    private static String scalar(Object v) {
        if (v == null) return "null";
        if (v instanceof Map<?, ?>) return "{}";
        if (v instanceof List<?> l) return YamlText.flowList(l.stream().map(String::valueOf).toList());
        if (v instanceof Number || v instanceof Boolean) return String.valueOf(v);
        return YamlText.scalar(String.valueOf(v));
    }
}
