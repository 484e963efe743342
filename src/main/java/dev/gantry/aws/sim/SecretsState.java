package dev.gantry.aws.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated Secrets Manager: secrets by name, each with its ARN (the name plus AWS's random
 * six-character suffix), current value, tags and, once deleted with a recovery window, the instant
 * it is gone for good. Values live here because this is a simulation; nothing prints them.
 */
public final class SecretsState {
    public static final class SecretRec {
        public String name;
        public String arn;
        public String description;
        public String value;
        public String versionId;
        public long createdAt;
        public long changedAt;
        /** Scheduled for deletion at this instant (0: not deleted). */
        public long deletedAtMillis;
        public Map<String, String> tags = new LinkedHashMap<>();
    }

    public Map<String, SecretRec> secrets = new TreeMap<>();

    /**
     * A secret by name, full ARN, or ARN without its suffix (as IAM policies and people write it), or null.
     * A secret whose recovery window ended is gone.
     */
    public SecretRec find(String id, long nowMillis) {
        if (id == null) return null;
        SecretRec s = secrets.get(id);
        if (s == null && id.startsWith("arn:")) {
            s = secrets.values().stream().filter(x -> x.arn.equals(id) || x.arn.equals(id + x.arn.substring(x.arn.length() - 7))).findFirst().orElse(null);
        }
        if (s != null && s.deletedAtMillis != 0 && s.deletedAtMillis <= nowMillis) {
            secrets.remove(s.name);
            return null;
        }
        return s;
    }

    /** Whether the secret exists and is not scheduled for deletion: what ECS needs to read it. */
    public boolean readable(String id, long nowMillis) {
        SecretRec s = find(id, nowMillis);
        return s != null && s.deletedAtMillis == 0;
    }
}
