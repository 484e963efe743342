package dev.gantry.ui;

import dev.gantry.plan.Address;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps secret-looking values out of plan output. gantry never puts a secret value into a plan, but
 * a parameter's value or an environment entry named like a password may still reach a field
 * change; showing "(sensitive)" there costs nothing and a leak cannot be taken back.
 */
public final class Sensitive {
    private Sensitive() {}

    public static final String MASK = "(sensitive)";
    // A parameter's tags are no part of its value (the console lists them to anyone who may describe it).
    private static final Set<String> PARAMETER_PLAIN_FIELDS = Set.of("name", "type", "description", "tier", dev.gantry.plan.Planner.OWNER_FIELD,
            dev.gantry.plan.Planner.TAGS_FIELD);
    private static final String[] SECRET_WORDS = {"PASSWORD", "SECRET", "TOKEN", "KEY"};

    /** The value to show for {@code field} of {@code address}. */
    public static Object mask(Address address, String field, Object value) {
        if (value == null) return null;
        if ("parameter".equals(address.type()) && !PARAMETER_PLAIN_FIELDS.contains(field)) return MASK;
        if (looksSecret(field)) return MASK;
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, looksSecret(String.valueOf(k)) && isPlainValue(v) ? MASK : v));
            return out;
        }
        return value;
    }

    /**
     * A secret's value field as the plan has it: what is stored stands as "(changed)" when the value
     * given for this run differs. Shown as {@code value: (changed)}, never as a before and after.
     */
    public static boolean newSecretValue(Address address, dev.gantry.plan.Change.FieldChange f) {
        return "value".equals(f.field()) && "(changed)".equals(f.before())
                && ("parameter".equals(address.type()) || "secret".equals(address.type()));
    }

    static boolean looksSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        // "secrets" maps SECRET_NAME -> parameter ARN; the ARN is not secret, the word is just the field's name
        if (upper.equals("SECRETS") || upper.equals("SECRETARNS")) return false;
        for (String w : SECRET_WORDS) if (upper.contains(w)) return true;
        return false;
    }

    /** Refs and ARNs are pointers to secrets, not secrets. */
    private static boolean isPlainValue(Object v) {
        return v instanceof String s && !s.startsWith("arn:");
    }
}
