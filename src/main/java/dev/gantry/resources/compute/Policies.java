package dev.gantry.resources.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The IAM policy documents gantry writes, and reading back the one it owns. */
final class Policies {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String TASK_EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
    static final String SECRETS_POLICY_NAME = "gantry-secrets";
    static final String READ_SECRETS = "ReadAppSecrets";
    static final String READ_REGISTRY_LOGIN = "ReadRegistryLogin";
    static final String ECS_TASKS = "ecs-tasks.amazonaws.com";

    private Policies() {}

    /** Only ECS tasks may assume the role; the account condition stops the confused-deputy problem. */
    static String trust(String accountId) {
        ObjectNode st = JSON.createObjectNode();
        st.put("Effect", "Allow");
        st.putObject("Principal").put("Service", ECS_TASKS);
        st.put("Action", "sts:AssumeRole");
        if (accountId != null) st.putObject("Condition").putObject("StringEquals").put("aws:SourceAccount", accountId);
        return doc(st);
    }

    /**
     * Reading exactly the app's secret parameters. No kms:Decrypt: SecureStrings gantry creates use
     * the AWS managed key aws/ssm, whose key policy already lets any principal of the account
     * decrypt through SSM; an existing parameter under a customer managed key needs a grant in
     * that key's policy, which gantry explains when a task fails on it.
     */
    static String secrets(List<String> parameterArns) { return secrets(parameterArns, List.<String>of()); }

    /**
     * Plus, for a private registry, {@code secretsmanager:GetSecretValue} on exactly the secret
     * holding its login ({@code registrySecretArn}, null for none). Secrets Manager's default key
     * aws/secretsmanager needs no kms:Decrypt grant either.
     */
    static String secrets(List<String> parameterArns, String registrySecretArn) {
        return secrets(parameterArns, registrySecretArn == null || registrySecretArn.isEmpty() ? List.of() : List.of(registrySecretArn));
    }

    /** The same with several registry logins: the old one is still read while a rollout moves to a new one. */
    static String secrets(List<String> parameterArns, List<String> registrySecretArns) {
        List<ObjectNode> statements = new ArrayList<>();
        if (!parameterArns.isEmpty()) {
            ObjectNode st = JSON.createObjectNode();
            st.put("Sid", READ_SECRETS);
            st.put("Effect", "Allow");
            st.putArray("Action").add("ssm:GetParameters");
            ArrayNode res = st.putArray("Resource");
            parameterArns.forEach(res::add);
            statements.add(st);
        }
        if (!registrySecretArns.isEmpty()) {
            ObjectNode st = JSON.createObjectNode();
            st.put("Sid", READ_REGISTRY_LOGIN);
            st.put("Effect", "Allow");
            st.putArray("Action").add("secretsmanager:GetSecretValue");
            ArrayNode res = st.putArray("Resource");
            registrySecretArns.forEach(res::add);
            statements.add(st);
        }
        return doc(statements.toArray(ObjectNode[]::new));
    }

    static final String EXEC_POLICY_NAME = "gantry-exec";
    /** What the SSM agent in a task needs for ECS Exec, and nothing else (ECS developer guide, "ECS Exec", IAM permissions). */
    static final List<String> EXEC_ACTIONS = List.of("ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel");

    /** The task role's inline policy for ECS Exec: these four actions on "*" (ssmmessages has no resource-level permissions). */
    static String exec() {
        ObjectNode st = JSON.createObjectNode();
        st.put("Sid", "EcsExec");
        st.put("Effect", "Allow");
        ArrayNode actions = st.putArray("Action");
        EXEC_ACTIONS.forEach(actions::add);
        st.put("Resource", "*");
        return doc(st);
    }

    private static String doc(ObjectNode... statements) {
        ObjectNode root = JSON.createObjectNode();
        root.put("Version", "2012-10-17");
        ArrayNode list = root.putArray("Statement");
        for (ObjectNode st : statements) list.add(st);
        return root.toString();
    }

    /** IAM returns policy documents URL-encoded; a document that is already JSON is taken as is. */
    static String decode(String doc) {
        if (doc == null) return null;
        String t = doc.trim();
        return t.startsWith("{") ? t : URLDecoder.decode(t, StandardCharsets.UTF_8);
    }

    /** The Resource ARNs of the statements in a gantry secrets policy. */
    static List<String> resources(String encodedDoc) { return resources(encodedDoc, null); }

    /** The Resource ARNs of the statements with this Sid (every statement for null; no Sid counts as ReadAppSecrets). */
    static List<String> resources(String encodedDoc, String sid) {
        List<String> out = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(decode(encodedDoc));
            JsonNode sts = root.get("Statement");
            List<JsonNode> list = new ArrayList<>();
            if (sts != null && sts.isArray()) sts.forEach(list::add); else if (sts != null) list.add(sts);
            for (JsonNode st : list) {
                if (sid != null && !sid.equals(st.path("Sid").asText(READ_SECRETS))) continue;
                JsonNode r = st.get("Resource");
                if (r == null) continue;
                if (r.isArray()) r.forEach(x -> out.add(x.asText())); else out.add(r.asText());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the role's policy " + SECRETS_POLICY_NAME + " is not valid JSON", e);
        }
        return out;
    }

    /** Whether a trust policy lets ECS tasks assume the role. */
    static boolean trustsEcsTasks(String encodedDoc) {
        return decode(encodedDoc).contains(ECS_TASKS);
    }
}
