package dev.gantry.resources.compute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Typed reads of resolved props (values are plain strings, numbers, booleans, lists and maps by then). */
final class Props {
    private Props() {}

    static String str(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? null : v.toString();
    }

    static Integer integer(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? null : v instanceof Number n ? n.intValue() : Integer.valueOf(v.toString());
    }

    static boolean bool(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
    }

    static List<String> strings(Map<String, Object> p, String key) {
        Object v = p.get(key);
        List<String> out = new ArrayList<>();
        if (v instanceof Iterable<?> it) it.forEach(x -> out.add(String.valueOf(x)));
        return out;
    }

    static Map<String, String> map(Map<String, Object> p, String key) {
        Object v = p.get(key);
        Map<String, String> out = new TreeMap<>();
        if (v instanceof Map<?, ?> m) m.forEach((k, x) -> out.put(String.valueOf(k), String.valueOf(x)));
        return out;
    }

    /** A props map builder that keeps insertion order and skips nulls (absent means "not set"). */
    static final class Builder {
        private final Map<String, Object> m = new LinkedHashMap<>();
        Builder put(String k, Object v) { if (v != null) m.put(k, v); return this; }
        /** A prop that must not be there: the planner compares it with AWS's value like any other. */
        Builder absent(String k) { m.put(k, null); return this; }
        Map<String, Object> build() { return m; }
    }

    static Builder props() { return new Builder(); }
}
