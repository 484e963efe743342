package dev.gantry.aws.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated IAM state: plain serialisable fields, and the queries other simulated services
 * need. (No no-argument getX()/isX() methods here: Jackson would take them for properties.)
 */
public final class IamState {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The AWS managed policy every Fargate task execution role attaches, with its real actions. */
    public static final String ECS_TASK_EXECUTION_POLICY_ARN =
            "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

    /** AWS managed policies the simulation knows: ARN → policy document. */
    public static final Map<String, String> MANAGED_POLICIES = Map.of(ECS_TASK_EXECUTION_POLICY_ARN, """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:GetAuthorizationToken",
            "ecr:BatchCheckLayerAvailability","ecr:GetDownloadUrlForLayer","ecr:BatchGetImage",
            "logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}""");

    public static final class RoleRec {
        public String name;
        public String path;
        public String arn;
        public String roleId;
        public String trustPolicy;
        public String description;
        public long createdAt;
        public Map<String, String> tags = new LinkedHashMap<>();
        public List<String> attached = new ArrayList<>();
        public Map<String, String> inline = new TreeMap<>();
    }

    public Map<String, RoleRec> roles = new TreeMap<>();

    public RoleRec roleByArn(String arn) {
        return roles.values().stream().filter(r -> r.arn.equals(arn)).findFirst().orElse(null);
    }

    /** ALLOWED, IMPLICIT_DENY or EXPLICIT_DENY for one action on one resource, from the role's identity policies. */
    public String decision(String roleArn, String action, String resource) {
        RoleRec r = roleByArn(roleArn);
        if (r == null) return "implicitDeny";
        List<String> docs = new ArrayList<>();
        for (String p : r.attached) if (MANAGED_POLICIES.containsKey(p)) docs.add(MANAGED_POLICIES.get(p));
        docs.addAll(r.inline.values());
        boolean allowed = false;
        for (String doc : docs) {
            for (JsonNode st : statements(doc)) {
                if (!matches(st.get("Action"), action, true) || !matches(st.get("Resource"), resource, false)) continue;
                // Conditions are not modelled: gantry's own policies never use them.
                if (st.has("Condition")) continue;
                String effect = st.path("Effect").asText();
                if ("Deny".equals(effect)) return "explicitDeny";
                if ("Allow".equals(effect)) allowed = true;
            }
        }
        return allowed ? "allowed" : "implicitDeny";
    }

    /** Whether the role's managed and inline policies allow {@code action} on {@code resourceArn}. */
    public boolean allows(String roleArn, String action, String resourceArn) {
        return "allowed".equals(decision(roleArn, action, resourceArn));
    }

    /** Parses a policy document; throws IllegalArgumentException when it is not a valid one. */
    static List<JsonNode> statements(String doc) {
        try {
            JsonNode root = JSON.readTree(doc);
            JsonNode st = root.get("Statement");
            if (st == null) throw new IllegalArgumentException("Syntax errors in policy.");
            List<JsonNode> out = new ArrayList<>();
            if (st.isArray()) st.forEach(out::add); else out.add(st);
            for (JsonNode s : out) {
                String e = s.path("Effect").asText();
                if (!e.equals("Allow") && !e.equals("Deny")) throw new IllegalArgumentException("Syntax errors in policy.");
            }
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Syntax errors in policy.");
        }
    }

    private static boolean matches(JsonNode patterns, String value, boolean ignoreCase) {
        if (patterns == null) return false;
        if (patterns.isArray()) {
            for (JsonNode p : patterns) if (wildcard(p.asText(), value, ignoreCase)) return true;
            return false;
        }
        return wildcard(patterns.asText(), value, ignoreCase);
    }

    /** IAM's glob: {@code *} any run of characters, {@code ?} one character; actions ignore case. */
    static boolean wildcard(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase() : pattern;
        String v = ignoreCase ? value.toLowerCase() : value;
        int pi = 0, vi = 0, star = -1, mark = 0;
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) { pi++; vi++; }
            else if (pi < p.length() && p.charAt(pi) == '*') { star = pi++; mark = vi; }
            else if (star >= 0) { pi = star + 1; vi = ++mark; }
            else return false;
        }
        while (pi < p.length() && p.charAt(pi) == '*') pi++;
        return pi == p.length();
    }
}
