package dev.gantry.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanDigest;
import dev.gantry.ui.PlanJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plan saved by {@code gantry plan -o FILE}, for {@code gantry apply FILE} and {@code gantry show
 * FILE}: where it applies (app, region, account, simulated or not), the spec it was made from (path
 * and SHA-256 of its bytes), the plan's digest per address ({@link PlanDigest}), the options that
 * shaped it (--adopt), and the plan itself as text and as plan JSON for people and tools. Nothing
 * secret: plans never carry secret values.
 */
record SavedPlan(String app, String region, String account, boolean simulated, Path spec, String specSha256,
                 List<String> adopt, Map<String, String> resources, String createdAt, String text, JsonNode plan) {
    static final String FORMAT = "gantry-plan/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    static SavedPlan of(Plan plan, String region, String account, boolean simulated, Path spec, List<String> adopt,
                        String createdAt, String text) throws IOException {
        return new SavedPlan(plan.app(), region, account, simulated, spec.toAbsolutePath().normalize(), sha256(spec),
                List.copyOf(adopt), PlanDigest.byAddress(plan), createdAt, text, PlanJson.node(plan));
    }

    void write(Path file) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("app", app);
        o.put("region", region);
        o.put("account", account);
        o.put("simulated", simulated);
        ObjectNode s = o.putObject("spec");
        s.put("file", spec.toString());
        s.put("sha256", specSha256);
        o.putPOJO("adopt", adopt);
        o.put("createdAt", createdAt);
        o.put("digest", sha256(resources.toString()));
        ObjectNode r = o.putObject("resources");
        resources.forEach(r::put);
        o.put("text", text);
        o.set("plan", plan);
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n");
    }

    /** Reads {@code file}; anything but a saved gantry plan is the person's input to fix (exit 2). */
    static SavedPlan read(Path file) {
        JsonNode o;
        try {
            o = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, file + ": no such file",
                    "save a plan first with 'gantry plan -o " + file + "'");
        } catch (IOException e) {
            throw notAPlan(file);
        }
        if (o == null || !FORMAT.equals(o.path("format").asText())) throw notAPlan(file);
        Map<String, String> resources = new TreeMap<>();
        o.path("resources").fields().forEachRemaining(e -> resources.put(e.getKey(), e.getValue().asText()));
        List<String> adopt = new ArrayList<>();
        o.path("adopt").forEach(a -> adopt.add(a.asText()));
        String saved = o.path("digest").asText();
        if (!saved.equals(sha256(resources.toString()))) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, file + ": the plan was edited after it was saved",
                    "make a new one with 'gantry plan -o " + file + "'");
        }
        return new SavedPlan(o.path("app").asText(), o.path("region").asText(), o.path("account").asText(),
                o.path("simulated").asBoolean(), Path.of(o.path("spec").path("file").asText()), o.path("spec").path("sha256").asText(),
                adopt, resources, o.path("createdAt").asText(), o.path("text").asText(), o.path("plan"));
    }

    /** Why the spec on disk is not the one the plan was made from, or null when it is. */
    String specMovedOn() {
        try {
            return sha256(spec).equals(specSha256) ? null : spec + " changed since the plan was saved";
        } catch (NoSuchFileException e) {
            return spec + ", which the plan was made from, is gone";
        } catch (IOException e) {
            return spec + " cannot be read: " + e.getMessage();
        }
    }

    private static CommandFailure notAPlan(Path file) {
        return CommandFailure.of(ExitCode.INVALID_INPUT, file + " is not a plan saved by gantry",
                "give the file 'gantry plan -o FILE' wrote, or a gantry.yaml with -f");
    }

    static String sha256(Path file) throws IOException { return hex(Files.readAllBytes(file)); }

    private static String sha256(String text) { return hex(text.getBytes(StandardCharsets.UTF_8)); }

    private static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
