package dev.gantry.spec.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpecSchemaTest {
    private final JsonNode schema = parse();

    private static JsonNode parse() {
        try {
            return new ObjectMapper().readTree(SpecSchema.json());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> names(JsonNode properties) {
        List<String> out = new ArrayList<>();
        properties.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void isDraft07AndClosed() {
        assertThat(schema.get("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
        List<String> required = new ArrayList<>();
        schema.get("required").forEach(n -> required.add(n.asText()));
        assertThat(required).containsExactly("version", "app", "region");
        // task is required by version 1, services by version 2.
        JsonNode byVersion = schema.get("allOf").get(0);
        assertThat(byVersion.get("if").get("properties").get("version").get("const").asInt()).isEqualTo(2);
        assertThat(byVersion.get("then").get("required").toString()).isEqualTo("[\"services\"]");
        assertThat(byVersion.get("else").get("required").toString()).isEqualTo("[\"task\"]");
        JsonNode service = schema.get("properties").get("services").get("additionalProperties");
        assertThat(names(service.get("properties"))).containsExactlyElementsOf(ServicesBinder.SERVICE_KEYS);
        assertThat(names(service.get("properties").get("public").get("properties"))).containsExactlyElementsOf(ServicesBinder.PUBLIC_KEYS);
    }

    @Test
    void knowsExactlyTheKeysTheLoaderKnows() {
        JsonNode p = schema.get("properties");
        // environments: is merged away before binding (EnvironmentSpecs), so it is not a section of Spec;
        // services is version 2's, in place of task and service.
        List<String> both = new ArrayList<>(Spec.sectionNames());
        both.add(EnvironmentSpecs.SECTION);
        Spec.sectionNamesVersion2().stream().filter(k -> !both.contains(k)).forEach(both::add);
        assertThat(names(p)).containsExactlyElementsOf(both);
        assertThat(names(p.get("network").get("properties"))).containsExactlyElementsOf(SpecBinder.NETWORK_KEYS);
        assertThat(names(p.get("cluster").get("properties"))).containsExactlyElementsOf(SpecBinder.CLUSTER_KEYS);
        assertThat(names(p.get("task").get("properties"))).containsExactlyElementsOf(TaskBinder.TASK_KEYS);
        assertThat(names(p.get("service").get("properties"))).containsExactlyElementsOf(EdgeBinder.SERVICE_KEYS);
        assertThat(names(p.get("service").get("properties").get("autoscaling").get("properties"))).containsExactlyElementsOf(EdgeBinder.AUTOSCALING_KEYS);
        assertThat(names(p.get("loadBalancer").get("properties"))).containsExactlyElementsOf(EdgeBinder.LOAD_BALANCER_KEYS);
        assertThat(names(p.get("certificate").get("properties"))).containsExactlyElementsOf(EdgeBinder.CERTIFICATE_KEYS);
        assertThat(names(p.get("dns").get("properties"))).containsExactlyElementsOf(EdgeBinder.DNS_KEYS);
        for (String section : List.of("network", "cluster", "task", "service", "loadBalancer", "certificate", "dns")) {
            assertThat(p.get(section).get("additionalProperties").asBoolean(true)).as(section).isFalse();
        }
    }

    @Test
    void carriesEnumsRangesAndTheMemoryTable() {
        JsonNode task = schema.get("properties").get("task");
        assertThat(task.get("properties").get("cpu").get("enum").toString()).isEqualTo("[256,512,1024,2048,4096,8192,16384]");
        JsonNode rule256 = task.get("allOf").get(0);
        assertThat(rule256.get("if").get("properties").get("cpu").get("const").asInt()).isEqualTo(256);
        assertThat(rule256.get("then").get("properties").get("memory").get("enum").toString()).isEqualTo("[512,1024,2048]");
        JsonNode service = schema.get("properties").get("service").get("properties");
        assertThat(service.get("maximumPercent").get("minimum").asInt()).isEqualTo(100);
        assertThat(service.get("maximumPercent").get("maximum").asInt()).isEqualTo(200);
        assertThat(schema.get("properties").get("network").get("properties").get("natGateways").get("enum").toString())
                .isEqualTo("[\"none\",\"single\",\"perAz\"]");
        assertThat(schema.get("properties").get("app").get("pattern").asText()).isEqualTo("^[a-z][a-z0-9-]*[a-z0-9]$");
    }
}
