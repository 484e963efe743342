package dev.gantry.wizard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gantry.yaml → answers, leniently: a draft or a file with mistakes still opens, each bad value
 * pre-filled and shown with its error on its screen, where the person can fix it. Strict loading
 * with positions is {@code SpecLoader}'s job (validate, plan, apply).
 */
public final class FileAnswers {
    private FileAnswers() {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static Map<String, String> read(String yaml) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        Map<String, String> a = new LinkedHashMap<>();
        if (root == null || !root.isObject()) return a;
        text(root, "app", a, "app");
        text(root, "region", a, "region");
        pairs(root.path("tags"), a, "tags");
        JsonNode n = root.path("network");
        if (n.isObject()) {
            text(n, "vpc", a, "network.vpc");
            text(n, "cidr", a, "network.cidr");
            text(n, "availabilityZones", a, "network.availabilityZones");
            text(n, "natGateways", a, "network.natGateways");
            text(n, "vpcId", a, "network.vpcId");
            list(n.path("publicSubnets"), a, "network.publicSubnets");
            list(n.path("privateSubnets"), a, "network.privateSubnets");
        }
        JsonNode c = root.path("cluster");
        text(c, "name", a, "cluster.name");
        text(c, "containerInsights", a, "cluster.containerInsights");
        JsonNode t = root.path("task");
        text(t, "image", a, "task.image");
        if (t.path("build").isObject()) {
            a.put("task.source", "build");
            text(t.path("build"), "dockerfile", a, "task.build.dockerfile");
            text(t.path("build"), "context", a, "task.build.context");
            text(t.path("build"), "target", a, "task.build.target");
            text(t.path("build"), "keepImages", a, "task.build.keepImages");
            pairs(t.path("build").path("args"), a, "task.build.args");
        }
        text(t, "port", a, "task.port");
        if (t.has("cpu") || t.has("memory")) {
            a.put("task.size", t.path("cpu").asText("256") + "/" + t.path("memory").asText("512"));
        }
        text(t, "architecture", a, "task.architecture");
        if (t.path("command").isArray()) {
            List<String> cmd = new ArrayList<>();
            t.path("command").forEach(x -> cmd.add(x.asText()));
            if (!cmd.isEmpty()) a.put("task.command", String.join("\n", cmd));
        }
        pairs(t.path("environment"), a, "task.environment");
        if (t.path("secrets").isObject()) {
            Map<String, String> s = new LinkedHashMap<>();
            t.path("secrets").fields().forEachRemaining(e -> s.put(e.getKey(), e.getValue().path("parameter").asText("")));
            if (!s.isEmpty()) a.put("task.secrets", AnswerText.joinPairs(s));
        }
        text(t.path("logs"), "retentionDays", a, "task.logs.retentionDays");
        text(t, "stopTimeout", a, "task.stopTimeout");
        text(t.path("registryCredentials"), "secret", a, "task.registryCredentials");
        JsonNode s = root.path("service");
        text(s, "desiredCount", a, "service.desiredCount");
        text(s, "minimumHealthyPercent", a, "service.minimumHealthyPercent");
        text(s, "maximumPercent", a, "service.maximumPercent");
        text(s, "rollbackOnFailure", a, "service.rollbackOnFailure");
        text(s, "healthCheckGracePeriod", a, "service.healthCheckGracePeriod");
        JsonNode as = s.path("autoscaling");
        if (as.isObject()) {
            a.put("service.autoscaling", as.path("min").asText() + ":" + as.path("max").asText() + ":" + as.path("cpuTarget").asText());
        }
        JsonNode lb = root.path("loadBalancer");
        // A file without loadBalancer is a worker; the default (yes) is only for new files.
        a.put("loadBalancer", lb.isObject() || lb.isNull() && root.has("loadBalancer") ? "yes" : "no");
        text(lb, "healthCheckPath", a, "loadBalancer.healthCheckPath");
        text(lb, "deregistrationDelay", a, "loadBalancer.deregistrationDelay");
        text(lb, "idleTimeout", a, "loadBalancer.idleTimeout");
        text(lb, "healthCheckInterval", a, "loadBalancer.healthCheckInterval");
        text(lb, "healthCheckTimeout", a, "loadBalancer.healthCheckTimeout");
        text(lb, "healthyThreshold", a, "loadBalancer.healthyThreshold");
        list(lb.path("allowedCidrs"), a, "loadBalancer.allowedCidrs");
        JsonNode cert = root.path("certificate");
        a.put("certificate", cert.isObject() ? (cert.has("arn") ? "existing" : "new") : "none");
        text(cert, "domain", a, "certificate.domain");
        text(cert, "arn", a, "certificate.arn");
        list(cert.path("alternativeNames"), a, "certificate.alternativeNames");
        JsonNode dns = root.path("dns");
        a.put("dns", dns.isObject() ? "yes" : "no");
        text(dns, "zone", a, "dns.zone");
        text(dns, "record", a, "dns.record");
        // No question asks for alerts yet: carried from the file so that editing it keeps them.
        JsonNode alerts = root.path("alerts");
        if (alerts.isObject() || alerts.isNull() && root.has("alerts")) {
            a.put("alerts", "yes");
            list(alerts.path("email"), a, "alerts.email");
            for (String k : List.of("http5xxPerMinute", "latencyP95Ms", "cpuPercent", "memoryPercent", "rollback")) text(alerts, k, a, "alerts." + k);
        }
        return a;
    }

    private static void text(JsonNode parent, String key, Map<String, String> out, String id) {
        JsonNode v = parent.path(key);
        if (v.isValueNode() && !v.isNull()) out.put(id, v.asText());
    }

    private static void list(JsonNode v, Map<String, String> out, String id) {
        if (!v.isArray()) return;
        List<String> items = new ArrayList<>();
        v.forEach(x -> items.add(x.asText()));
        if (!items.isEmpty()) out.put(id, AnswerText.joinList(items));
    }

    private static void pairs(JsonNode v, Map<String, String> out, String id) {
        if (!v.isObject()) return;
        Map<String, String> m = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        if (!m.isEmpty()) out.put(id, AnswerText.joinPairs(m));
    }
}
