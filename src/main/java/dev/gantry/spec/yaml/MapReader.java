package dev.gantry.spec.yaml;

import dev.gantry.spec.Rules;
import dev.gantry.spec.Suggest;
import dev.gantry.spec.YamlEnum;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One map of the spec with typed, position-aware access. Each getter returns null when the key is
 * absent or its value has the wrong type; a wrong type has already been reported.
 */
final class MapReader {
    final Node.MapNode node;
    final String path;
    /** Where to point when a required key is missing: the key that holds this map. */
    final int line, column;
    private final Report report;

    MapReader(Node.MapNode node, String path, int line, int column, Report report, List<String> known) {
        this.node = node;
        this.path = path;
        this.line = line;
        this.column = column;
        this.report = report;
        for (Node.Entry e : node.entries().values()) {
            if (!known.contains(e.key())) {
                String near = Suggest.nearest(e.key(), known);
                report.error(e.line(), e.column(), field(e.key()),
                        "unknown key '" + e.key() + "'" + (path.isEmpty() ? "" : " in " + path),
                        near != null ? "did you mean '" + near + "'?" : "known keys here: " + String.join(", ", known));
            }
        }
    }

    String field(String key) { return path.isEmpty() ? key : path + "." + key; }

    Node.Entry entry(String key) { return node.get(key); }

    boolean has(String key) { return node.get(key) != null; }

    void required(String key, String fix) {
        report.error(line, column, field(key), key + " is required", fix);
    }

    /** A line/column to point at: the key if present, else the section. */
    int lineOf(String key) { return has(key) ? entry(key).line() : line; }
    int columnOf(String key) { return has(key) ? entry(key).column() : column; }
    /** The value's line/column (errors about a value point at the value). */
    int valueLine(String key) { return entry(key).value().line(); }
    int valueColumn(String key) { return entry(key).value().column(); }

    String string(String key) {
        Node.Entry e = entry(key);
        if (e == null) return null;
        if (e.value() instanceof Node.ScalarNode s && s.kind() == Node.Kind.STRING) return s.text();
        wrongType(e, "text", hintText(e));
        return null;
    }

    Long integer(String key) {
        Node.Entry e = entry(key);
        if (e == null) return null;
        if (e.value() instanceof Node.ScalarNode s && s.kind() == Node.Kind.INT) {
            BigInteger v = (BigInteger) s.value();
            if (v.bitLength() < 32) return v.longValue();
            report.error(s.line(), s.column(), field(key), "the number " + s.text() + " is far too large", null);
            return null;
        }
        String fix = null;
        if (e.value() instanceof Node.ScalarNode s && s.kind() == Node.Kind.STRING && s.text().trim().matches("-?\\d+")) {
            fix = "remove the quotes: " + key + ": " + s.text().trim();
        } else if (e.value() instanceof Node.ScalarNode s && s.kind() == Node.Kind.STRING && s.text().trim().matches("[-+]?(0x[0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*)")) {
            fix = "write it in plain decimal digits, without 0x, 0o or '_'";
        }
        wrongType(e, "a whole number", fix);
        return null;
    }

    Boolean bool(String key) {
        Node.Entry e = entry(key);
        if (e == null) return null;
        if (e.value() instanceof Node.ScalarNode s && s.kind() == Node.Kind.BOOL) {
            String word = s.text().toLowerCase(java.util.Locale.ROOT);
            if (!word.equals("true") && !word.equals("false")) {
                // yes/no/on/off are booleans only in YAML 1.1: specs written that way keep working,
                // but YAML 1.2 (and many editors and tools) read them as text.
                report.warning(s.line(), s.column(), field(key), "'" + s.text() + "' is YAML 1.1's spelling of " + s.value()
                        + "; YAML 1.2 and many tools read it as text", "write " + key + ": " + s.value());
            }
            return (Boolean) s.value();
        }
        wrongType(e, "true or false", "write " + key + ": true or " + key + ": false");
        return null;
    }

    /** A sub-map; an empty value ({@code key:} with nothing after it) counts as an empty map. */
    MapReader section(String key, List<String> known) {
        Node.Entry e = entry(key);
        if (e == null) return null;
        Node v = e.value();
        if (v instanceof Node.ScalarNode s && s.kind() == Node.Kind.NULL) {
            v = Node.MapNode.empty(e.line(), e.column());
        }
        if (v instanceof Node.MapNode m) return new MapReader(m, field(key), e.line(), e.column(), report, known);
        wrongType(e, "a map of fields", "put the fields on the lines below '" + key + ":', indented");
        return null;
    }

    /** A map whose keys are user names (environment, secrets, tags): no known-key check. */
    Node.MapNode map(String key) {
        Node.Entry e = entry(key);
        if (e == null) return null;
        if (e.value() instanceof Node.ScalarNode s && s.kind() == Node.Kind.NULL) return Node.MapNode.empty(e.line(), e.column());
        if (e.value() instanceof Node.MapNode m) return m;
        wrongType(e, "a map of NAME: value lines", "put one NAME: value per line below '" + key + ":', indented");
        return null;
    }

    Node.ListNode list(String key, String example) {
        Node.Entry e = entry(key);
        if (e == null) return null;
        if (e.value() instanceof Node.ScalarNode s && s.kind() == Node.Kind.NULL) return new Node.ListNode(e.line(), e.column(), List.of());
        if (e.value() instanceof Node.ListNode l) return l;
        wrongType(e, "a list", "write it as a list: " + key + ": " + example);
        return null;
    }

    /** The list node behind a key that {@link #strings} accepted (an empty value is an empty list). */
    Node.ListNode listNode(String key) {
        Node.Entry e = entry(key);
        return e.value() instanceof Node.ListNode l ? l : new Node.ListNode(e.line(), e.column(), List.of());
    }

    /** A list whose items must all be text. Null if the list or any item is wrong. */
    List<String> strings(String key, String example) {
        Node.ListNode l = list(key, example);
        if (l == null) return null;
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < l.items().size(); i++) {
            Node item = l.items().get(i);
            if (item instanceof Node.ScalarNode s && s.kind() == Node.Kind.STRING) {
                out.add(s.text());
            } else {
                ok = false;
                String f = field(key) + "[" + i + "]";
                boolean number = item instanceof Node.ScalarNode s && (s.kind() == Node.Kind.INT || s.kind() == Node.Kind.FLOAT || s.kind() == Node.Kind.BOOL);
                report.error(item.line(), item.column(), f, "expected text, got " + item.describe(),
                        number ? "quote it: \"" + ((Node.ScalarNode) item).text() + "\"" : null);
            }
        }
        return ok ? out : null;
    }

    <E extends Enum<E> & YamlEnum> E enumeration(String key, Class<E> type) {
        String text = string(key);
        if (text == null) return null;
        var parsed = YamlEnum.parse(type, text);
        if (parsed.isPresent()) return parsed.get();
        List<String> allowed = YamlEnum.spellings(type);
        String near = Suggest.nearest(text, allowed);
        report.error(valueLine(key), valueColumn(key), field(key),
                "must be one of " + String.join(", ", allowed) + ", got '" + text + "'",
                near != null ? "did you mean " + near + "?" : "use one of " + String.join(" | ", allowed));
        return null;
    }

    /** Reports a Problem against the value of {@code key}; returns true when there was none. */
    boolean check(String key, Rules.Problem p) {
        if (p == null) return true;
        report.error(valueLine(key), valueColumn(key), field(key), p);
        return false;
    }

    void forbid(String key, String message, String fix) {
        if (has(key)) report.error(lineOf(key), columnOf(key), field(key), message, fix);
    }

    private void wrongType(Node.Entry e, String expected, String fix) {
        Node v = e.value();
        report.error(v.line(), v.column(), field(e.key()), "expected " + expected + ", got " + v.describe(), fix);
    }

    private static String hintText(Node.Entry e) {
        if (e.value() instanceof Node.ScalarNode s && s.kind() != Node.Kind.NULL) {
            return "put it in quotes: " + e.key() + ": \"" + s.text() + "\"";
        }
        if (e.value() instanceof Node.ScalarNode s && s.kind() == Node.Kind.NULL) {
            return "give it a value or remove the line";
        }
        return null;
    }
}
