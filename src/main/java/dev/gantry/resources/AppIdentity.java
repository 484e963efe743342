package dev.gantry.resources;

import dev.gantry.spec.Spec;

import java.util.Map;
import java.util.TreeMap;

/** Who the resources belong to: the app, its region and the tags every resource it makes carries. */
public record AppIdentity(String app, String region, Map<String, String> tags) {
    public AppIdentity {
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    /** The spec's identity, or null for none (tests of reads that need no app). */
    public static AppIdentity of(Spec spec) {
        return spec == null ? null : new AppIdentity(spec.app(), spec.region(), spec.tags());
    }
}
