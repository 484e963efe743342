package dev.gantry.spec.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The YAML document as a small tree in which every key and value keeps its line and column. */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {
    int line();
    int column();

    /** A short name of the node's type for "expected X, got Y" messages. */
    String describe();

    /** A key with its own position; {@code value} is where the value starts. */
    record Entry(String key, int line, int column, Node value) {}

    record MapNode(int line, int column, Map<String, Entry> entries) implements Node {
        static MapNode empty(int line, int column) { return new MapNode(line, column, new LinkedHashMap<>()); }
        Entry get(String key) { return entries.get(key); }
        @Override public String describe() { return "a map"; }
    }

    record ListNode(int line, int column, List<Node> items) implements Node {
        @Override public String describe() { return "a list"; }
    }

    enum Kind { STRING, INT, FLOAT, BOOL, NULL }

    /** A scalar; {@code text} is as written (without quotes), {@code value} is typed per {@code kind}. */
    record ScalarNode(int line, int column, Kind kind, String text, Object value) implements Node {
        @Override public String describe() {
            return switch (kind) {
                case STRING -> "text";
                case INT -> "a whole number";
                case FLOAT -> "a decimal number";
                case BOOL -> "true/false";
                case NULL -> "nothing";
            };
        }
    }
}
