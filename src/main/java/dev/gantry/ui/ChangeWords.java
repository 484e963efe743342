package dev.gantry.ui;

import dev.gantry.plan.Action;
import dev.gantry.plan.Ref;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** How an action and a property value read in plain words, shared by every view. */
public final class ChangeWords {
    private ChangeWords() {}

    public static String doing(Action a) {
        return switch (a) {
            case CREATE -> "creating";
            case UPDATE -> "updating";
            case REPLACE -> "replacing";
            case DELETE -> "destroying";
            case READ -> "reading";
            case NOOP -> "checking";
        };
    }

    public static String done(Action a) {
        return switch (a) {
            case CREATE -> "created";
            case UPDATE -> "updated";
            case REPLACE -> "replaced";
            case DELETE -> "destroyed";
            case READ -> "read";
            case NOOP -> "unchanged";
        };
    }

    /** The lower-case name used in JSON ({@code create}, {@code update}, …). */
    public static String json(Action a) { return a.name().toLowerCase(java.util.Locale.ROOT); }

    /**
     * A property value for people: refs are not known until apply, lists and maps in brackets,
     * nothing as {@code (none)}. What exists was read from AWS (a tag someone set by hand), so its
     * control characters are shown escaped.
     */
    public static String value(Object v) {
        if (v == null) return "(none)";
        if (v instanceof Ref) return "(known after apply)";
        if (v instanceof String s) return s.isEmpty() ? "\"\"" : dev.gantry.text.Untrusted.text(s);
        if (v instanceof Map<?, ?> m) {
            // sorted so the same map always reads the same, whatever Map it arrived in
            return m.entrySet().stream().sorted(java.util.Comparator.comparing(e -> String.valueOf(e.getKey())))
                    .map(e -> dev.gantry.text.Untrusted.text(String.valueOf(e.getKey())) + ": " + value(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(ChangeWords::value).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(v);
    }
}
