package dev.gantry.aws.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Iterator;
import java.util.Map;

/**
 * EventBridge's default bus at work, beside {@link SimEventBridge} which keeps its rules: an event
 * sent to the bus (ECS's task state changes) goes to each SNS topic that a matching, enabled rule
 * targets, when the topic's access policy lets events.amazonaws.com publish (without it
 * EventBridge's delivery fails, as AWS documents for SNS targets: EventBridge User Guide,
 * "Permissions for Amazon SNS").
 */
final class EventDelivery {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventsState events;
    private final SnsState sns;

    EventDelivery(EventsState events, SnsState sns) {
        this.events = events;
        this.sns = sns;
    }

    static EventDelivery of(SimWorld world) { return new EventDelivery(world.state.events, world.state.sns); }

    /** An event on the default bus at {@code at}: delivered to the SNS topics of every matching rule. */
    void send(JsonNode event, long at) {
        synchronized (events) {
            for (EventsState.RuleRec r : events.rules.values()) {
                if (!"ENABLED".equals(r.state) || !matches(r.eventPattern, event)) continue;
                for (String arn : r.targets.values()) {
                    SnsState.TopicRec t = sns.topics.get(arn);
                    if (t == null || t.policy == null || !t.policy.contains("events.amazonaws.com")) continue;
                    new SnsDelivery(sns).publish(t, null, event.toString(), at);
                }
            }
        }
    }

    static boolean matches(String pattern, JsonNode event) {
        try {
            return matches(JSON.readTree(pattern), event);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * EventBridge's matching, for the forms gantry's rules use: every field of the pattern must
     * match; a list matches when any of its values does (a literal, {@code {"anything-but": v}},
     * {@code {"exists": b}}); an array in the event matches when any element does.
     */
    static boolean matches(JsonNode pattern, JsonNode event) {
        Iterator<Map.Entry<String, JsonNode>> it = pattern.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode value = event == null ? null : event.get(f.getKey());
            JsonNode want = f.getValue();
            if (want.isObject()) {
                if (value == null) return false;
                if (value.isArray()) {
                    boolean any = false;
                    for (JsonNode v : value) any |= matches(want, v);
                    if (!any) return false;
                } else if (!matches(want, value)) return false;
            } else if (want.isArray()) {
                if (!anyValue(want, value)) return false;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean anyValue(JsonNode alternatives, JsonNode value) {
        for (JsonNode alt : alternatives) {
            if (alt.isObject() && alt.has("exists")) {
                if (alt.get("exists").asBoolean() == (value != null && !value.isNull())) return true;
            } else if (value == null || value.isNull()) {
                continue;
            } else if (value.isArray()) {
                for (JsonNode v : value) if (anyValue(alternatives, v)) return true;
            } else if (alt.isObject() && alt.has("anything-but")) {
                JsonNode not = alt.get("anything-but");
                boolean excluded = false;
                if (not.isArray()) { for (JsonNode n : not) excluded |= same(n, value); }
                else excluded = same(not, value);
                if (!excluded) return true;
            } else if (same(alt, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        return a.equals(b);
    }
}
