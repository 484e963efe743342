package dev.gantry.aws.sim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AWS's rules for the tags of one resource, per service gantry tags. What they share (each
 * service's documentation repeats AWS's general tag rules): at most 50 tags a resource, counting
 * those it has and those the call adds; keys of 1 to 128 characters, values of at most 256; keys
 * starting with {@code aws:} in any case are AWS's. Where they differ, each from the reference
 * cited on its {@link Service}: the characters allowed (ECS, ELB, IAM, SSM, Logs, ACM and
 * Application Auto Scaling only {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]}; EC2 any; CloudWatch, SNS,
 * EventBridge, ECR, Secrets Manager and Lambda name no pattern), whether a value may be empty (not
 * in EventBridge Scheduler), whether two keys may differ only in case (not on an IAM role), and
 * the error code of each refusal. A refused call changes nothing.
 */
final class TagRules {
    static final int MAX_TAGS = 50;
    static final int MAX_KEY = 128;
    static final int MAX_VALUE = 256;
    /** Letters, digits, white space and _ . : / = + - @ (the pattern the API references give). */
    private static final Pattern USUAL = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    interface Err { RuntimeException of(int status, String code, String message); }

    /**
     * One service's rules: {@code characters} null when it allows any; {@code invalid} and
     * {@code tooMany} its error codes for a malformed tag and for more than {@link #MAX_TAGS}.
     */
    record Service(String name, Pattern characters, int minValue, boolean keysIgnoreCase, String invalid, String tooMany) {}

    /** https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions: "EC2 allows for any character in its tags"; TagLimitExceeded. */
    static final Service EC2 = new Service("EC2", null, 0, false, "InvalidParameterValue", "TagLimitExceeded");
    /** https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Tag.html (pattern), TagResource: InvalidParameterException for each. */
    static final Service ECS = new Service("ECS", USUAL, 0, false, "InvalidParameterException", "InvalidParameterException");
    /** https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Tag.html (pattern), AddTags: TooManyTags. */
    static final Service ELB = new Service("Elastic Load Balancing", USUAL, 0, false, "ValidationError", "TooManyTags");
    /**
     * https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html (pattern), TagRole:
     * InvalidInput, LimitExceeded; IAM User Guide, "Rules for tagging": a role's tag keys are not
     * case sensitive (Department and department are one key).
     */
    static final Service IAM = new Service("IAM", USUAL, 0, true, "InvalidInput", "LimitExceeded");
    /** https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_Tag.html (pattern), AddTagsToResource: TooManyTagsError. */
    static final Service SSM = new Service("Systems Manager", USUAL, 0, false, "ValidationException", "TooManyTagsError");
    /** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html (pattern, errors). */
    static final Service LOGS = new Service("CloudWatch Logs", USUAL, 0, false, "InvalidParameterException", "TooManyTagsException");
    /** https://docs.aws.amazon.com/acm/latest/APIReference/API_Tag.html (pattern), AddTagsToCertificate: InvalidTagException, TooManyTagsException. */
    static final Service ACM = new Service("ACM", USUAL, 0, false, "InvalidTagException", "TooManyTagsException");
    /** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_TagResource.html: no pattern; InvalidParameterValue. */
    static final Service CLOUDWATCH = new Service("CloudWatch", null, 0, false, "InvalidParameterValue", "InvalidParameterValue");
    /** https://docs.aws.amazon.com/sns/latest/api/API_TagResource.html: no pattern; InvalidParameter, TagLimitExceeded. */
    static final Service SNS = new Service("SNS", null, 0, false, "InvalidParameter", "TagLimitExceeded");
    /** https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-tagging.html (50 a resource); API_Tag names no pattern. */
    static final Service EVENTS = new Service("EventBridge", null, 0, false, "ValidationException", "LimitExceededException");
    /** https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Tag.html: a value of 1 to 256 characters; only schedule groups take tags. */
    static final Service SCHEDULER = new Service("EventBridge Scheduler", null, 1, false, "ValidationException", "ValidationException");
    /** https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_TagResource.html: InvalidTagParameterException, TooManyTagsException. */
    static final Service ECR = new Service("ECR", null, 0, false, "InvalidTagParameterException", "TooManyTagsException");
    /** https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_TagResource.html: InvalidParameterException for each. */
    static final Service SECRETS_MANAGER = new Service("Secrets Manager", null, 0, false, "InvalidParameterException", "InvalidParameterException");
    /** https://docs.aws.amazon.com/lambda/latest/dg/API_TagResource.html: a map with no pattern; InvalidParameterValueException for each. */
    static final Service LAMBDA = new Service("Lambda", null, 0, false, "InvalidParameterValueException", "InvalidParameterValueException");
    /**
     * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TagResource.html:
     * ValidationException, TooManyTagsException; for the characters it points to the Billing User
     * Guide's "User-defined tag restrictions" (letters, digits, spaces and + - = . _ : / @).
     */
    static final Service SCALING = new Service("Application Auto Scaling", USUAL, 0, false, "ValidationException", "TooManyTagsException");

    private TagRules() {}

    /**
     * The tags {@code current} has once {@code added} are put (added keys overwrite; on a service
     * whose keys ignore case, the key of another case too), checked before anything is stored.
     */
    static Map<String, String> merged(Map<String, String> current, Map<String, String> added, Err err, Service service) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map.Entry<String, String> t : added.entrySet()) {
            String key = t.getKey(), value = t.getValue() == null ? "" : t.getValue();
            if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
                throw err.of(400, service.invalid(), "Tag keys must be 1 to " + MAX_KEY + " characters long: '" + key + "'");
            }
            if (value.length() < service.minValue() || value.length() > MAX_VALUE) {
                throw err.of(400, service.invalid(), "The value of tag '" + key + "' must be " + service.minValue() + " to " + MAX_VALUE + " characters long");
            }
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw err.of(400, service.invalid(), "Tag keys starting with 'aws:' are reserved for AWS use: '" + key + "'");
            }
            if (service.characters() != null && !(service.characters().matcher(key).matches() && service.characters().matcher(value).matches())) {
                throw err.of(400, service.invalid(), "Tag '" + key + "' has a character " + service.name()
                        + " does not allow: keys and values are letters, digits, spaces and _ . : / = + - @");
            }
            if (service.keysIgnoreCase() && !seen.add(key.toLowerCase(Locale.ROOT))) {
                throw err.of(400, service.invalid(), "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
        Map<String, String> out = new LinkedHashMap<>(current);
        added.forEach((k, v) -> {
            if (service.keysIgnoreCase()) out.keySet().removeIf(have -> have.equalsIgnoreCase(k));
            out.put(k, v == null ? "" : v);
        });
        if (out.size() > MAX_TAGS) {
            throw err.of(400, service.tooMany(), "A resource can have at most " + MAX_TAGS + " tags in " + service.name() + "; this would give it " + out.size());
        }
        return out;
    }

    /** Checks {@code added} onto {@code target} and stores them there. */
    static void put(Map<String, String> target, Map<String, String> added, Err err, Service service) {
        Map<String, String> next = merged(target, added, err, service);
        target.clear();
        target.putAll(next);
    }
}
