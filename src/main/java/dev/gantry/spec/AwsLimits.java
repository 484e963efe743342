package dev.gantry.spec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Limits AWS enforces on what gantry builds from a spec, computed offline so a spec that AWS would
 * refuse halfway through an apply is refused by the loader instead (exit 2, nothing touched).
 */
public final class AwsLimits {
    private AwsLimits() {}

    /** IAM quotas: a role's inline policies together hold at most 10,240 characters (white space not counted). */
    public static final int ROLE_INLINE_POLICIES = 10_240;
    /** Amazon ECS quotas: a task definition is at most 64 KiB. */
    public static final int TASK_DEFINITION_BYTES = 65_536;
    /** Amazon VPC quotas: 60 inbound rules per security group by default (adjustable by AWS support only). */
    public static final int INBOUND_RULES_PER_GROUP = 60;
    /** An account id has 12 digits: the one ARN part the spec does not give. */
    private static final String ACCOUNT = "123456789012";
    /** Secrets Manager appends '-' and six random characters to a secret's name in its ARN. */
    private static final String SECRET_SUFFIX = "-XXXXXX";

    /**
     * The length of the execution role's one inline policy ({@code gantry-secrets}) for these
     * secrets, character for character as gantry writes it: ssm:GetParameters on each parameter's
     * ARN, plus secretsmanager:GetSecretValue on the registry login when there is one.
     */
    public static int executionPolicyLength(String region, Map<String, SecretRef> secrets, RegistryCredentials registry) {
        List<String> statements = new ArrayList<>();
        List<String> arns = secrets.values().stream().map(s -> s.managed()
                ? "arn:aws:ssm:" + region + ":" + ACCOUNT + ":parameter" + (s.parameter().startsWith("/") ? "" : "/") + s.parameter()
                : s.parameter()).distinct().toList();
        if (!arns.isEmpty()) statements.add(statement("ReadAppSecrets", "ssm:GetParameters", arns));
        if (registry != null) {
            String arn = registry.managed() ? "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:" + registry.secret() + SECRET_SUFFIX
                    : registry.secret();
            statements.add(statement("ReadRegistryLogin", "secretsmanager:GetSecretValue", List.of(arn)));
        }
        return ("{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}").length();
    }

    private static String statement(String sid, String action, List<String> resources) {
        return "{\"Sid\":\"" + sid + "\",\"Effect\":\"Allow\",\"Action\":[\"" + action + "\"],\"Resource\":[\""
                + String.join("\",\"", resources) + "\"]}";
    }

    /**
     * The task definition gantry registers, measured as ECS would near enough: the UTF-8 text of
     * every value plus a little JSON around each (generous, so a spec under it is under ECS's limit).
     */
    public static long taskDefinitionBytes(Spec spec) {
        Task t = spec.task();
        String app = spec.app();
        long n = 400 + 2 * utf8(app) + 2 * ("arn:aws:iam::" + ACCOUNT + ":role/gantry/" + app + "/" + app + "-execution").length();
        n += 100 + utf8(app) + utf8(t.image());
        for (String c : t.command()) n += 3 + utf8(c);
        for (Map.Entry<String, String> e : t.environment().entrySet()) n += 20 + utf8(e.getKey()) + utf8(e.getValue());
        for (Map.Entry<String, SecretRef> e : t.secrets().entrySet()) {
            n += 20 + utf8(e.getKey()) + 40 + utf8(spec.region()) + utf8(e.getValue().parameter());
        }
        if (t.registryCredentials() != null) n += 60 + utf8(spec.region()) + utf8(t.registryCredentials().secret());
        n += 120 + utf8(app) + utf8(spec.region()); // awslogs options
        return n;
    }

    /** The load balancer's security group: one inbound rule per allowed CIDR and port (80, and 443 with a certificate). */
    public static int loadBalancerInboundRules(Spec spec) {
        if (spec.loadBalancer() == null) return 0;
        return spec.loadBalancer().allowedCidrs().size() * (spec.certificate() != null ? 2 : 1);
    }

    private static long utf8(String s) { return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length; }
}
