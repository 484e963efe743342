package dev.gantry.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run of the guard: when, how it ended, what it repaired and what it reported (a person's to
 * do). The guard keeps its last run in the SSM String parameter {@code /gantry/guard/APP/last-run},
 * where {@code gantry guard status} and {@code gantry status} read it.
 */
public record GuardRun(Instant at, Outcome outcome, List<Item> repaired, List<Item> reported, String note) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** SSM's standard tier: a value of at most 4,096 characters; lists are cut to fit, and say so. */
    static final int MAX_CHARS = 4096;

    public enum Outcome {
        /** AWS is as the spec says. */
        CLEAN,
        /** Something was repaired (and more may have been reported). */
        REPAIRED,
        /** Differences were found and reported; nothing was changed. */
        REPORTED,
        /** An apply held the lock: the guard looked at nothing. */
        SKIPPED,
        /** The run could not finish (see the note). */
        FAILED;

        public String word() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** One resource: its address and what was done or found, in words. */
    public record Item(String address, String what) {}

    public GuardRun {
        repaired = List.copyOf(repaired);
        reported = List.copyOf(reported);
    }

    public static String parameter(String app) { return "/gantry/guard/" + app + "/last-run"; }

    public String json() {
        int keep = Math.max(repaired.size(), reported.size());
        while (true) {
            String s = encode(keep).toString();
            if (s.length() <= MAX_CHARS || keep == 0) return s;
            keep--;
        }
    }

    private ObjectNode encode(int keep) {
        ObjectNode o = JSON.createObjectNode();
        o.put("at", at.toString());
        o.put("outcome", outcome.word());
        o.set("repaired", items(repaired, keep));
        o.set("reported", items(reported, keep));
        if (repaired.size() > keep || reported.size() > keep) o.put("more", (Math.max(0, repaired.size() - keep) + Math.max(0, reported.size() - keep)));
        if (note != null) o.put("note", note);
        return o;
    }

    private static ArrayNode items(List<Item> items, int keep) {
        ArrayNode a = JSON.createArrayNode();
        for (Item i : items.subList(0, Math.min(keep, items.size()))) a.addObject().put("address", i.address()).put("what", i.what());
        return a;
    }

    /** The run a record holds; empty when it is not one the guard wrote. */
    public static Optional<GuardRun> parse(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            Outcome outcome = Outcome.valueOf(o.path("outcome").asText().toUpperCase(java.util.Locale.ROOT));
            return Optional.of(new GuardRun(Instant.parse(o.path("at").asText()), outcome, items(o.path("repaired")), items(o.path("reported")),
                    o.hasNonNull("note") ? o.get("note").asText() : null));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<Item> items(JsonNode a) {
        List<Item> out = new ArrayList<>();
        for (JsonNode i : a) out.add(new Item(i.path("address").asText(), i.path("what").asText()));
        return out;
    }

    /** The app's last run, or empty when the guard has not run (or is not installed). */
    public static Optional<GuardRun> read(SsmClient ssm, String app) {
        try {
            return parse(ssm.getParameter(b -> b.name(parameter(app))).parameter().value());
        } catch (ParameterNotFoundException none) {
            return Optional.empty();
        }
    }

    void write(SsmClient ssm, String app) {
        String value = json();
        ssm.putParameter(b -> b.name(parameter(app)).type(ParameterType.STRING).value(value).overwrite(true)
                .description("gantry " + app + ": the guard's last run (gantry guard status)"));
    }
}
