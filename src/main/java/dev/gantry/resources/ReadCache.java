package dev.gantry.resources;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads shared by several resource types within one refresh (the region's load balancers, the
 * hosted zone, the service's scalable target), so each is asked of AWS once. The engine makes a
 * new one for every refresh and none for steps: a step must see what AWS says now, never what a
 * refresh saw minutes earlier. A failed read is not kept, so the engine's retry asks again.
 */
public final class ReadCache {
    private static final ReadCache NONE = new ReadCache(false);

    private final boolean keeps;
    private final Map<String, Optional<Object>> values = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<dev.gantry.plan.Address, Map<String, String>> tagsSeen = new ConcurrentHashMap<>();
    private final java.util.Set<dev.gantry.plan.Address> tagsAmbiguous = ConcurrentHashMap.newKeySet();

    private ReadCache(boolean keeps) { this.keeps = keeps; }

    /** A cache for one refresh. */
    public static ReadCache fresh() { return new ReadCache(true); }

    /** Keeps nothing: every {@link #get} reads. What steps (and contexts built outside a refresh) use. */
    public static ReadCache none() { return NONE; }

    /** Whether this cache keeps what it reads (a refresh's): then a read it already holds answers for a narrower one. */
    public boolean shared() { return keeps; }

    /**
     * The value read under {@code key}, reading it with {@code load} the first time. Callers that
     * arrive while another is reading the same key wait for that read instead of repeating it.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> load) {
        if (!keeps) return load.get();
        Optional<Object> v = values.get(key);
        if (v != null) return (T) v.orElse(null);
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            v = values.get(key);
            if (v != null) return (T) v.orElse(null);
            T loaded = load.get();
            values.put(key, Optional.ofNullable(loaded));
            return loaded;
        }
    }

    /**
     * Keeps the tags a refresh read of the app's resource at {@code address} (to tell who owns it),
     * so the plan compares them without reading them again. Two different tag sets for one address
     * (two copies of it) say nothing reliable: that address gets none.
     */
    void sawTags(dev.gantry.plan.Address address, Map<String, String> tags) {
        if (!keeps || tags == null) return;
        Map<String, String> copy = Map.copyOf(tags);
        Map<String, String> before = tagsSeen.putIfAbsent(address, copy);
        if (before != null && !before.equals(copy)) tagsAmbiguous.add(address);
    }

    /** The tags this refresh read, by the address they name; empty for a cache that keeps nothing. */
    public Map<dev.gantry.plan.Address, Map<String, String>> tagsSeen() {
        Map<dev.gantry.plan.Address, Map<String, String>> out = new java.util.HashMap<>(tagsSeen);
        out.keySet().removeAll(tagsAmbiguous);
        return out;
    }
}
