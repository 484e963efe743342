package dev.gantry.aws.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AWS's rules for the tags of one resource, the same in every service gantry tags (the ECS, EC2,
 * ELB, IAM, SSM, Logs, ACM, CloudWatch, SNS, EventBridge, Scheduler, ECR and Secrets Manager
 * references each repeat them: e.g. ECS's Tag data type,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Tag.html): at most 50 tags a
 * resource, counting those it has and those the call adds; a key of 1 to 128 characters; a value
 * of at most 256; keys starting with {@code aws:} (any case) are AWS's own. Each service answers a
 * broken rule with its own error code, which the caller names.
 */
final class TagRules {
    static final int MAX_TAGS = 50;
    static final int MAX_KEY = 128;
    static final int MAX_VALUE = 256;

    interface Err { RuntimeException of(int status, String code, String message); }

    private TagRules() {}

    /**
     * The tags {@code current} has once {@code added} are put (added keys overwrite), checked before
     * anything is stored: a refused call changes nothing. {@code invalid} and {@code tooMany} are
     * the service's error codes for a malformed tag and for more than 50.
     */
    static Map<String, String> merged(Map<String, String> current, Map<String, String> added, Err err, String invalid, String tooMany) {
        for (Map.Entry<String, String> t : added.entrySet()) {
            String key = t.getKey(), value = t.getValue() == null ? "" : t.getValue();
            if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
                throw err.of(400, invalid, "Tag keys must be 1 to " + MAX_KEY + " characters long: '" + key + "'");
            }
            if (value.length() > MAX_VALUE) throw err.of(400, invalid, "The value of tag '" + key + "' is longer than " + MAX_VALUE + " characters");
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw err.of(400, invalid, "Tag keys starting with 'aws:' are reserved for AWS use: '" + key + "'");
            }
        }
        Map<String, String> out = new LinkedHashMap<>(current);
        added.forEach((k, v) -> out.put(k, v == null ? "" : v));
        if (out.size() > MAX_TAGS) throw err.of(400, tooMany, "A resource can have at most " + MAX_TAGS + " tags; this would give it " + out.size());
        return out;
    }

    /** Checks {@code added} onto {@code target} and stores them there. */
    static void put(Map<String, String> target, Map<String, String> added, Err err, String invalid, String tooMany) {
        Map<String, String> next = merged(target, added, err, invalid, tooMany);
        target.putAll(next);
    }
}
