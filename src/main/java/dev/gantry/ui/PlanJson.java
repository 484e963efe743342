package dev.gantry.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.plan.Action;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Ref;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * A plan as JSON, with a schema that is documented (docs/progress.md) and kept stable: fields are
 * only ever added. Built node by node, never by serialising internal records, so a renamed Java
 * field cannot change the output and desired/observed properties (which could hold anything)
 * never leak into it.
 */
public final class PlanJson {
    public static final int SCHEMA_VERSION = 1;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlanJson() {}

    public static ObjectNode node(Plan plan) {
        ObjectNode o = F.objectNode();
        o.put("schemaVersion", SCHEMA_VERSION);
        o.put("app", plan.app());
        o.put("hasChanges", plan.hasChanges());
        Map<Action, Long> counts = plan.counts();
        ObjectNode summary = o.putObject("summary");
        summary.put("add", counts.getOrDefault(Action.CREATE, 0L));
        summary.put("change", counts.getOrDefault(Action.UPDATE, 0L));
        summary.put("replace", counts.getOrDefault(Action.REPLACE, 0L));
        summary.put("destroy", counts.getOrDefault(Action.DELETE, 0L));
        ArrayNode changes = o.putArray("changes");
        // grouped by piece like the text, so both list changes in the same order
        plan.mutating().stream().sorted(java.util.Comparator.comparing(Change::piece)).forEach(c -> changes.add(change(c)));
        ArrayNode warnings = o.putArray("warnings");
        plan.warnings().forEach(warnings::add);
        ArrayNode conflicts = o.putArray("conflicts");
        for (dev.gantry.plan.Conflict c : plan.conflicts()) {
            ObjectNode co = conflicts.addObject();
            co.put("address", c.address().toString());
            co.put("existing", c.existing());
            if (c.owner() == null) co.putNull("owner");
            else co.put("owner", c.owner());
            co.put("rename", c.rename());
            co.put("adoptable", c.adoptable());
            co.put("message", c.explain());
        }
        return o;
    }

    public static String render(Plan plan) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node(plan)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode change(Change c) {
        ObjectNode o = F.objectNode();
        o.put("address", c.address().toString());
        o.put("type", c.address().type());
        o.put("name", c.address().name());
        o.put("action", ChangeWords.json(c.action()));
        o.put("piece", piece(c.piece()));
        o.put("description", c.description());
        o.put("reason", c.reason());
        ArrayNode deps = o.putArray("dependsOn");
        c.dependsOn().stream().sorted().map(Address::toString).forEach(deps::add);
        ArrayNode fields = o.putArray("fields");
        for (Change.FieldChange f : c.fields()) {
            ObjectNode fo = fields.addObject();
            fo.put("field", f.field());
            fo.set("before", value(Sensitive.mask(c.address(), f.field(), f.before())));
            fo.set("after", value(Sensitive.newSecretValue(c.address(), f) ? "(changed)" : Sensitive.mask(c.address(), f.field(), f.after())));
            fo.put("forcesReplacement", f.forcesReplace());
        }
        return o;
    }

    /** {@code NETWORK} → {@code network}, {@code LOAD_BALANCER} → {@code load-balancer}. */
    public static String piece(Piece p) { return p.name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** Plain values as JSON; a value only known after apply is the string {@code ${address.attribute}}. */
    static JsonNode value(Object v) {
        if (v == null) return F.nullNode();
        if (v instanceof Ref r) return F.textNode(r.toString());
        if (v instanceof Boolean b) return F.booleanNode(b);
        if (v instanceof Integer i) return F.numberNode(i);
        if (v instanceof Long l) return F.numberNode(l);
        if (v instanceof Double d) return F.numberNode(d);
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
            m.forEach((k, val) -> sorted.put(String.valueOf(k), val));
            sorted.forEach((k, val) -> o.set(k, value(val)));
            return o;
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = F.arrayNode();
            c.forEach(x -> a.add(value(x)));
            return a;
        }
        return F.textNode(String.valueOf(v));
    }
}
