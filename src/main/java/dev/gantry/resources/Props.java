package dev.gantry.resources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Typed reads of resolved props (values are plain strings, numbers, booleans, lists and maps by
 * then), and a builder for observed ones; what every resource type uses instead of casting.
 */
public final class Props {
    private Props() {}

    public static String str(Map<?, ?> p, String key) {
        Object v = p.get(key);
        return v == null ? null : v.toString();
    }

    public static Integer integer(Map<?, ?> p, String key) {
        Object v = p.get(key);
        return v == null ? null : v instanceof Number n ? n.intValue() : Integer.valueOf(v.toString());
    }

    public static boolean bool(Map<?, ?> p, String key) {
        Object v = p.get(key);
        return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
    }

    public static List<String> strings(Map<?, ?> p, String key) {
        Object v = p.get(key);
        List<String> out = new ArrayList<>();
        if (v instanceof Iterable<?> it) it.forEach(x -> out.add(String.valueOf(x)));
        return out;
    }

    public static Map<String, String> map(Map<?, ?> p, String key) {
        Object v = p.get(key);
        Map<String, String> out = new TreeMap<>();
        if (v instanceof Map<?, ?> m) m.forEach((k, x) -> out.put(String.valueOf(k), String.valueOf(x)));
        return out;
    }

    /** Desired props from key, value pairs in order: {@code pairs("vpcId", ref, "cidr", "10.0.0.0/16")}. */
    public static Map<String, Object> pairs(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** A props map builder that keeps insertion order and skips nulls (absent means "not set"). */
    public static final class Builder {
        private final Map<String, Object> m = new LinkedHashMap<>();
        public Builder put(String k, Object v) { if (v != null) m.put(k, v); return this; }
        /** A prop that must not be there: the planner compares it with AWS's value like any other. */
        public Builder absent(String k) { m.put(k, null); return this; }
        /** {@link #absent} unless {@code k} was put. */
        public Builder absentIfNull(String k) { if (!m.containsKey(k)) m.put(k, null); return this; }
        public Map<String, Object> build() { return m; }
    }

    public static Builder props() { return new Builder(); }
}
