package dev.gantry.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One resource as AWS has it now. {@code id} is AWS's identifier (vpc-…, an ARN, a name);
 * {@code props} use the same keys as {@link Desired#props()} so the planner can compare them;
 * {@code outputs} are what other resources refer to (id, arn, dnsName, …).
 */
public record Observed(Address address, String id, Map<String, Object> props, Map<String, String> outputs) {
    public Observed {
        props = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(props));
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public String output(String key) { return outputs.get(key); }
}
