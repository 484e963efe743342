package dev.gantry.wizard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.Map;

/**
 * An unfinished wizard as a spec-shaped YAML file with only the answers given so far, which
 * {@link FileAnswers} reads back. Secret values are never in it.
 */
final class DraftText {
    private DraftText() {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    static String write(Map<String, String> given, String header) {
        ObjectNode root = YAML.createObjectNode();
        root.put("version", 1);
        given.forEach((id, v) -> put(root, id, v));
        try {
            return header + YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(ObjectNode root, String id, String v) {
        switch (id) {
            case "task.size" -> {
                int slash = v.indexOf('/');
                if (slash > 0) {
                    node(root, "task").put("cpu", v.substring(0, slash));
                    node(root, "task").put("memory", v.substring(slash + 1));
                }
            }
            case "task.environment", "tags" -> {
                ObjectNode m = node(root, id);
                AnswerText.pairs(v).forEach((k, x) -> m.put(k, x == null ? "" : x));
            }
            case "task.secrets" -> {
                ObjectNode m = node(root, id);
                AnswerText.pairs(v).forEach((k, x) -> m.putObject(k).put("parameter", x == null ? "" : x));
            }
            case "task.command" -> {
                var arr = node(root, "task").putArray("command");
                for (String part : v.split("\n")) arr.add(part);
            }
            case "network.publicSubnets", "network.privateSubnets", "loadBalancer.allowedCidrs", "certificate.alternativeNames" -> {
                var arr = node(root, parent(id)).putArray(leaf(id));
                AnswerText.list(v).forEach(arr::add);
            }
            case "service.autoscaling" -> {
                String[] p = v.split(":");
                if (p.length == 3) {
                    ObjectNode a = node(root, id);
                    a.put("min", p[0]).put("max", p[1]).put("cpuTarget", p[2]);
                }
            }
            case "loadBalancer", "dns" -> { if (v.equals("yes")) node(root, id); }
            case "certificate" -> { if (!v.equals("none")) node(root, id); }
            default -> {
                if (id.contains(".")) node(root, parent(id)).put(leaf(id), v);
                else root.put(id, v);
            }
        }
    }

    private static ObjectNode node(ObjectNode root, String path) {
        ObjectNode n = root;
        for (String part : path.split("\\.")) {
            n = n.has(part) && n.get(part).isObject() ? (ObjectNode) n.get(part) : n.putObject(part);
        }
        return n;
    }

    private static String parent(String id) { return id.substring(0, id.lastIndexOf('.')); }

    private static String leaf(String id) { return id.substring(id.lastIndexOf('.') + 1); }
}
