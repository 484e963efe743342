package dev.gantry.e2e;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Takes gantry's tags off chosen resources of a simulated account, leaving them exactly as they
 * are otherwise: what an account looks like when the same resources were made by hand.
 */
final class Untag {
    private Untag() {}

    static void strip(Object state, String app, Collection<String> addresses) {
        walk(state, app, addresses, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object o, String app, Collection<String> addresses, Set<Object> seen) {
        if (o == null || !seen.add(o)) return;
        if (o instanceof Map<?, ?> m) {
            for (Object v : m.values()) walk(v, app, addresses, seen);
            return;
        }
        if (o instanceof Collection<?> c) {
            for (Object v : c) walk(v, app, addresses, seen);
            return;
        }
        if (!o.getClass().getName().startsWith("dev.gantry.aws.sim")) return;
        for (Field f : o.getClass().getFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            try {
                Object v = f.get(o);
                if (f.getName().equals("tags") && v instanceof Map<?, ?> tags) {
                    Map<String, String> t = (Map<String, String>) tags;
                    if (app.equals(t.get("gantry:app")) && addresses.contains(t.get("gantry:component"))) {
                        t.remove("gantry:app");
                        t.remove("gantry:component");
                    }
                } else {
                    walk(v, app, addresses, seen);
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
    }
}
