package dev.gantry.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fingerprint of a plan and of the state it was made from: per address, the action, the fields
 * that change, what the spec asks for and what AWS held (id and props, the part the planner
 * compares). Two plans with the same digest do the same thing to the same resources, so a saved
 * plan applies exactly as it was reviewed, or not at all. Props never hold secret values (those
 * are only ever digests), so neither does this.
 */
public final class PlanDigest {
    private PlanDigest() {}

    /** One digest per address of the plan, every change included (also those that change nothing). */
    public static Map<String, String> byAddress(Plan plan) {
        Map<String, String> out = new TreeMap<>();
        for (Change c : plan.changes()) out.put(c.address().toString(), c.action() + ":" + sha256(canonical(c)));
        for (Conflict c : plan.conflicts()) out.put("conflict:" + c.address(), sha256(c.toString()));
        return out;
    }

    /** The digest of the whole plan. */
    public static String of(Plan plan) { return sha256(byAddress(plan).toString()); }

    /** The addresses whose part of the plan differs between {@code saved} and {@code now}, in words. */
    public static List<String> differences(Map<String, String> saved, Map<String, String> now) {
        return differences(saved, now, "the saved plan");
    }

    /** The same, {@code before} being what {@code was} names ("the plan shown") in the words. */
    public static List<String> differences(Map<String, String> saved, Map<String, String> now, String was) {
        List<String> out = new ArrayList<>();
        for (var e : saved.entrySet()) {
            String there = now.get(e.getKey());
            if (there == null) out.add(e.getKey() + ": no longer part of the plan");
            else if (!there.equals(e.getValue())) {
                String did = action(e.getValue()), is = action(there);
                out.add(e.getKey() + (did.equals(is) ? ": " + is + " still, but what exists in AWS or what the spec asks changed"
                        : ": " + was + " would " + did + " it; now the plan would " + is + " it"));
            }
        }
        for (String a : now.keySet()) if (!saved.containsKey(a)) out.add(a + ": new in the plan");
        return out;
    }

    private static String action(String digest) {
        int colon = digest.indexOf(':');
        String a = colon < 0 ? "change" : digest.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        return a.equals("noop") ? "leave" : a;
    }

    private static String canonical(Change c) {
        StringBuilder b = new StringBuilder();
        b.append(c.action()).append('|');
        for (Change.FieldChange f : c.fields()) {
            b.append(f.field()).append(':').append(value(f.field(), f.before())).append("->").append(value(f.field(), f.after()))
                    .append(f.forcesReplace()).append(';');
        }
        b.append('|').append(c.desired() == null ? "-" : value(c.desired().props()));
        b.append('|').append(c.observed() == null ? "-" : c.observed().id() + value(c.observed().props()));
        return b.toString();
    }

    /**
     * Fields that report how far something AWS runs has got (the service's {@code rollout}: "in
     * progress (rev 7, 1 of 2 tasks running)"). Their state is part of the plan (watch it, start it
     * again); their counts move by the second, so a plan confirmed during a rollout would otherwise
     * never match the one made under the lock a moment later.
     */
    static final java.util.Set<String> PROGRESS_FIELDS = java.util.Set.of("rollout");

    private static String value(String field, Object v) {
        if (!PROGRESS_FIELDS.contains(field) || !(v instanceof String s)) return value(v);
        int cut = s.length();
        for (char c : new char[] {'(', ':'}) { int i = s.indexOf(c); if (i >= 0) cut = Math.min(cut, i); }
        return s.substring(0, cut).trim();
    }

    /** Maps in key order and lists as they are: the same value always reads the same. */
    private static String value(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, String> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), value(String.valueOf(k), x)));
            return sorted.toString();
        }
        if (v instanceof Iterable<?> it) {
            List<String> items = new ArrayList<>();
            it.forEach(x -> items.add(value(x)));
            return items.toString();
        }
        return String.valueOf(v);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
