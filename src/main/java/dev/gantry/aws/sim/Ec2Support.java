package dev.gantry.aws.sim;

import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/** EC2's shared request rules: error shapes, Describe filters, tags on create. */
final class Ec2Support {
    private Ec2Support() {}

    static RuntimeException fail(String code, String message) {
        return SimErrors.error(Ec2Exception.builder(), "EC2", 400, code, message);
    }

    static RuntimeException invalid(String message) { return fail("InvalidParameterValue", message); }

    static RuntimeException missing(String parameter) {
        return fail("MissingParameter", "The request must contain the parameter " + parameter);
    }

    static <T> T require(T value, String parameter) {
        if (value == null || (value instanceof String s && s.isBlank())) throw missing(parameter);
        return value;
    }

    /**
     * Whether a resource passes every filter (filters AND, values within one OR, * and ? as
     * wildcards). {@code attribute} gives a resource's values for a filter name, or null when the
     * name is not a filter of this call: AWS rejects those.
     */
    static boolean matches(Collection<Filter> filters, Map<String, String> tags, Function<String, List<String>> attribute) {
        if (filters == null) return true;
        for (Filter f : filters) {
            String name = f.name();
            List<String> have;
            if (name == null) throw invalid("The filter 'null' is invalid");
            if (name.startsWith("tag:")) {
                String v = tags.get(name.substring(4));
                have = v == null ? List.of() : List.of(v);
            } else if (name.equals("tag-key")) {
                have = new ArrayList<>(tags.keySet());
            } else if (name.equals("tag-value")) {
                have = new ArrayList<>(tags.values());
            } else {
                have = attribute.apply(name);
                if (have == null) throw invalid("The filter '" + name + "' is invalid");
            }
            boolean any = false;
            for (String want : f.values()) {
                Pattern p = glob(want);
                for (String h : have) if (h != null && p.matcher(h).matches()) { any = true; break; }
                if (any) break;
            }
            if (!any) return false;
        }
        return true;
    }

    private static Pattern glob(String want) {
        StringBuilder re = new StringBuilder();
        for (char c : want.toCharArray()) {
            if (c == '*') re.append(".*");
            else if (c == '?') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }

    /** Tags from TagSpecifications for {@code resourceType}; AWS rejects specs for another type and aws: keys. */
    static Map<String, String> tagsOnCreate(List<TagSpecification> specs, String resourceType) {
        Map<String, String> out = new TreeMap<>();
        if (specs == null) return out;
        for (TagSpecification s : specs) {
            if (!resourceType.equals(s.resourceTypeAsString())) {
                throw invalid("'" + s.resourceTypeAsString() + "' is not a valid taggable resource type for this operation.");
            }
            putTags(out, s.tags());
        }
        return out;
    }

    /** Checked as a whole before any is stored (TagRules.EC2): a refused call changes nothing. */
    static void putTags(Map<String, String> into, List<Tag> tags) {
        if (tags == null) return;
        Map<String, String> added = new java.util.LinkedHashMap<>();
        for (Tag t : tags) added.put(t.key(), t.value());
        TagRules.put(into, added, (status, code, message) -> fail(code, message), TagRules.EC2);
    }

    static List<Tag> sdkTags(Map<String, String> tags) {
        List<Tag> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    static List<String> one(Object v) { return v == null ? List.of() : List.of(String.valueOf(v)); }
}
