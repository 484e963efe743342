package dev.gantry.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanJsonTest {
    private static Plan mixed() { return Fixtures.mixedPlan(); }

    @Test
    void hasTheDocumentedSchema() throws Exception {
        JsonNode n = new ObjectMapper().readTree(PlanJson.render(mixed()));
        assertThat(n.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(n.get("app").asText()).isEqualTo("hello");
        assertThat(n.get("hasChanges").asBoolean()).isTrue();
        assertThat(n.get("summary").toString()).isEqualTo("{\"add\":2,\"change\":1,\"replace\":1,\"destroy\":1}");
        assertThat(n.get("changes")).hasSize(5); // reads and no-ops are not changes
        JsonNode task = n.get("changes").get(3);
        assertThat(task.toString()).isEqualTo("{\"address\":\"task-definition.main\",\"type\":\"task-definition\","
                + "\"name\":\"main\",\"action\":\"replace\",\"piece\":\"task\",\"description\":\"Task definition: what to run\","
                + "\"reason\":\"a task definition cannot be changed in place\",\"dependsOn\":[],\"fields\":["
                + "{\"field\":\"image\",\"before\":\"nginx:1.26\",\"after\":\"nginx:1.27\",\"forcesReplacement\":true},"
                + "{\"field\":\"environment\",\"before\":{\"USER\":\"admin\"},\"after\":{\"USER\":\"root\"},\"forcesReplacement\":true},"
                + "{\"field\":\"executionRole\",\"before\":\"${role.execution.arn}\",\"after\":null,\"forcesReplacement\":false}]}");
        assertThat(n.get("changes").get(4).get("action").asText()).isEqualTo("update");
        assertThat(n.get("changes").get(2).get("piece").asText()).isEqualTo("dns");
        assertThat(n.get("warnings").get(0).asText()).contains("DB_TOKEN");
    }

    @Test
    void anEmptyPlanHasNoChanges() throws Exception {
        JsonNode n = new ObjectMapper().readTree(PlanJson.render(new Plan("hello", List.of(), List.of())));
        assertThat(n.get("hasChanges").asBoolean()).isFalse();
        assertThat(n.get("changes")).isEmpty();
        assertThat(n.get("summary").get("add").asInt()).isZero();
    }

}
