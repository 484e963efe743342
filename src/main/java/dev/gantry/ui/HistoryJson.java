package dev.gantry.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.ops.DeployHistory;

import java.time.Instant;
import java.util.List;

/** {@code gantry history --output json}: one object, schema version 1 (docs/daytwo.md); fields may be added, never renamed or removed. */
public final class HistoryJson {
    static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryJson() {}

    public static String render(String app, List<DeployHistory.Entry> entries) {
        ObjectNode o = JSON.createObjectNode();
        o.put("schemaVersion", SCHEMA_VERSION);
        o.put("app", app);
        ArrayNode list = o.putArray("deployments");
        for (DeployHistory.Entry e : entries) {
            ObjectNode n = list.addObject();
            n.put("at", time(e.at()));
            n.put("finishedAt", time(e.finished()));
            n.put("revision", e.revision());
            n.put("taskDefinition", e.taskDefinition());
            n.put("image", e.image());
            n.put("imageDigest", e.digest());
            ArrayNode changes = n.putArray("changes");
            e.changes().forEach(changes::add);
            n.put("runId", e.runId());
            n.put("user", e.user());
            n.put("command", e.command());
            n.put("status", e.status());
            n.put("outcome", e.outcome());
            n.put("reason", e.statusReason());
            n.put("rollbackToRevision", e.rollbackTo());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String time(Instant at) { return at == null ? null : at.toString(); }
}
