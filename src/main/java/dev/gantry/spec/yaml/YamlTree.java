package dev.gantry.spec.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gantry.spec.Diagnostic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reads YAML text into a {@link Node} tree with Jackson's streaming parser. Problems of form
 * (syntax, duplicate keys, aliases, several documents) become diagnostics, never exceptions.
 */
final class YamlTree {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[-+]?[0-9]+");

    private final String file;
    private final String[] lines;
    private final List<Diagnostic> out;

    private YamlTree(String file, String text, List<Diagnostic> out) {
        this.file = file;
        this.lines = text.split("\n", -1);
        this.out = out;
    }

    /** The root node, or null when the text is empty or not YAML (diagnostics say why). */
    static Node parse(String file, String text, List<Diagnostic> out) {
        return new YamlTree(file, text, out).parse(text);
    }

    private Node parse(String text) {
        JsonParser p;
        try {
            p = FACTORY.createParser(text);
        } catch (IOException e) {
            out.add(Diagnostic.error(file, 0, 0, "", "could not read: " + e.getMessage(), null));
            return null;
        }
        try (p) {
            JsonToken t = p.nextToken();
            if (t == null) {
                out.add(Diagnostic.error(file, 1, 1, "", "the file is empty",
                        "start from a template: gantry init, or copy templates/web-https.yaml"));
                return null;
            }
            Node root = read(p, t, "");
            JsonToken next = p.nextToken();
            if (next != null) {
                JsonLocation l = p.currentTokenLocation();
                out.add(Diagnostic.error(file, l.getLineNr(), l.getColumnNr(), "",
                        "the file holds more than one YAML document ('---')", "keep one spec per file"));
            }
            return root;
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            // Jackson's own limit (1000 levels), reported in its internal words and without a position.
            JsonLocation l = p.currentLocation();
            out.add(Diagnostic.error(file, Math.max(l.getLineNr(), 1), Math.max(l.getColumnNr(), 1), "",
                    "YAML syntax error: the values here are nested more than 1000 levels deep; a spec needs four",
                    "this is not a gantry spec; start from a template: gantry init, or copy templates/web-https.yaml"));
            return null;
        } catch (JsonProcessingException e) {
            out.add(syntaxError(e));
            return null;
        } catch (IOException e) {
            out.add(Diagnostic.error(file, 0, 0, "", "could not read: " + e.getMessage(), null));
            return null;
        }
    }

    private Node read(JsonParser p, JsonToken t, String path) throws IOException {
        JsonLocation l = p.currentTokenLocation();
        int line = l.getLineNr(), col = l.getColumnNr();
        switch (t) {
            case START_OBJECT -> {
                LinkedHashMap<String, Node.Entry> entries = new LinkedHashMap<>();
                while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                    JsonLocation kl = p.currentTokenLocation();
                    String key = p.currentName();
                    String child = path.isEmpty() ? key : path + "." + key;
                    Node value = read(p, p.nextToken(), child);
                    Node.Entry previous = entries.get(key);
                    if (previous != null) {
                        out.add(Diagnostic.error(file, kl.getLineNr(), kl.getColumnNr(), child,
                                "duplicate key '" + key + "' (first on line " + previous.line() + ")",
                                "keep one of them"));
                    } else {
                        entries.put(key, new Node.Entry(key, kl.getLineNr(), kl.getColumnNr(), value));
                    }
                }
                return new Node.MapNode(line, col, entries);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(read(p, t, path + "[" + items.size() + "]"));
                }
                return new Node.ListNode(line, col, items);
            }
            case VALUE_STRING -> {
                if (charAt(line, col) == '*') {
                    out.add(Diagnostic.error(file, line, col, path, "YAML aliases (*" + p.getText() + ") are not supported",
                            "write the value out in full"));
                }
                return new Node.ScalarNode(line, col, Node.Kind.STRING, p.getText(), p.getText());
            }
            case VALUE_NUMBER_INT -> {
                // YAML 1.2's core schema: plain decimal only. 0x100, 0o17, 2_56 stay text, which the
                // binder rejects where a number is expected (YAML 1.1 parsers would read them as numbers).
                String text = p.getText();
                if (!DECIMAL.matcher(text).matches()) return new Node.ScalarNode(line, col, Node.Kind.STRING, text, text);
                return new Node.ScalarNode(line, col, Node.Kind.INT, text, new java.math.BigInteger(text.startsWith("+") ? text.substring(1) : text));
            }
            case VALUE_NUMBER_FLOAT -> {
                return new Node.ScalarNode(line, col, Node.Kind.FLOAT, p.getText(), p.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Node.ScalarNode(line, col, Node.Kind.BOOL, p.getText(), t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return new Node.ScalarNode(line, col, Node.Kind.NULL, "", null);
            }
            default -> {
                // e.g. !!binary: nothing in a spec is binary, so treat it as text the binder will reject.
                return new Node.ScalarNode(line, col, Node.Kind.STRING, String.valueOf(p.getText()), p.getText());
            }
        }
    }

    private char charAt(int line, int column) {
        if (line < 1 || line > lines.length) return 0;
        String s = lines[line - 1];
        return column >= 1 && column <= s.length() ? s.charAt(column - 1) : 0;
    }

    /** Turns SnakeYAML's multi-line report into one plain sentence at the problem's position. */
    private Diagnostic syntaxError(JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
        String problem = e.getOriginalMessage();
        String context = null;
        if (e.getCause() instanceof org.yaml.snakeyaml.reader.ReaderException r) {
            // A character YAML forbids (NUL, most control characters): SnakeYAML knows only its offset.
            int[] at = position(r.getPosition());
            return Diagnostic.error(file, at[0], at[1], "", "YAML syntax error: the file contains the control character "
                    + String.format("U+%04X", r.getCodePoint()) + ", which YAML does not allow",
                    "remove it (is this a binary file?); a spec is plain text");
        }
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
            problem = m.getProblem();
            context = m.getContext();
            var mark = m.getProblemMark();
            // An unclosed quote or bracket is found at the end of the file; point where it was opened.
            if (context != null && m.getContextMark() != null && (context.contains("quoted scalar") || context.contains("flow"))) {
                mark = m.getContextMark();
            }
            if (mark != null) {
                line = mark.getLine() + 1;
                col = mark.getColumn() + 1;
            }
        }
        String message = "YAML syntax error: " + plain(problem, context);
        return Diagnostic.error(file, Math.max(line, 1), Math.max(col, 1), "", message, fixFor(problem, context));
    }

    /** Line and column (1-based) of a character offset in the text. */
    private int[] position(int offset) {
        int remaining = offset;
        for (int i = 0; i < lines.length; i++) {
            if (remaining <= lines[i].length()) return new int[]{i + 1, remaining + 1};
            remaining -= lines[i].length() + 1;
        }
        return new int[]{Math.max(lines.length, 1), 1};
    }

    private static String plain(String problem, String context) {
        if (problem == null) return "the text is not valid YAML";
        if (context != null && context.contains("quoted scalar")) return "this quoted value is never closed";
        if (context != null && context.contains("flow sequence")) return "this list is never closed with ']'";
        if (context != null && context.contains("flow mapping")) return "this map is never closed with '}'";
        if (problem.contains("mapping values are not allowed")) return "unexpected ':' (a value containing ': ' needs quotes, or the line is indented too far)";
        if (problem.contains("expected <block end>")) return "this line's indentation does not match the lines above it";
        if (problem.contains("TAB")) return "a tab character, which YAML does not allow for indentation";
        if (problem.startsWith("Expected a field name")) return "keys must be plain names";
        String p = problem;
        int nl = p.indexOf('\n');
        return nl > 0 ? p.substring(0, nl) : p;
    }

    private static String fixFor(String problem, String context) {
        if (problem == null) return null;
        if (context != null && context.contains("quoted scalar")) return "add the closing quote";
        if (context != null && context.contains("flow sequence")) return "close the list with ']'";
        if (context != null && context.contains("flow mapping")) return "close the map with '}'";
        if (problem.contains("TAB")) return "indent with spaces, not tabs";
        if (problem.contains("mapping values are not allowed")) return "put quotes around the value, or line the key up with the keys above it";
        if (problem.contains("could not find expected ':'")) return "write each field as 'key: value'";
        if (problem.contains("did not find expected key") || problem.contains("expected <block end>")) return "line up the keys of one section with the same number of spaces";
        return null;
    }
}
