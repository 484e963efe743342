package dev.gantry.wizard;

import dev.gantry.spec.yaml.SpecTree;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wizard's state: a partial gantry.yaml with the answers given so far at their spec paths, in
 * the spec's own types (8080, not "8080"), beside what the file held that no question asks (tags,
 * alerts, timeouts), plus the few answers that choose the spec's shape rather than a value (a load
 * balancer or none, a new certificate or an existing one). Each question reads and writes its part
 * through its {@link SpecField}; {@link SpecAssembler} turns the whole into a {@code Spec}.
 */
public final class SpecDraft {
    private final Map<String, Object> tree;
    private final Map<String, String> shape = new LinkedHashMap<>();

    private SpecDraft(Map<String, Object> tree) { this.tree = tree; }

    static SpecDraft empty() { return new SpecDraft(new LinkedHashMap<>()); }

    /** A spec or a draft, leniently (read by the spec's own YAML reader, unchecked): a file with mistakes still opens. */
    public static SpecDraft read(String fileName, String text) throws IOException {
        SpecDraft d = new SpecDraft(SpecTree.read(fileName, text));
        for (Question q : Questions.all()) q.spec().fromFile(d);
        // Environments the file already has inherit the body where it says nothing (no new defaults).
        if (d.value(EnvironmentQuestions.SECTION) instanceof Map<?, ?> envs) {
            d.shape(EnvironmentQuestions.IN_FILE, AnswerText.joinList(envs.keySet().stream().map(String::valueOf).toList()));
        }
        return d;
    }

    /** The value at a dotted path (task.logs.retentionDays), or null. */
    Object value(String path) {
        Object at = tree;
        for (String part : path.split("\\.")) {
            if (!(at instanceof Map<?, ?> m)) return null;
            at = m.get(part);
        }
        return at;
    }

    /** True when the file names the key, even with no value ({@code alerts:} alone turns alerts on). */
    boolean has(String path) {
        int dot = path.lastIndexOf('.');
        Object parent = dot < 0 ? tree : value(path.substring(0, dot));
        return parent instanceof Map<?, ?> m && m.containsKey(path.substring(dot + 1));
    }

    void put(String path, Object v) {
        int dot = path.lastIndexOf('.');
        (dot < 0 ? tree : section(path.substring(0, dot))).put(path.substring(dot + 1), v);
    }

    void remove(String path) {
        int dot = path.lastIndexOf('.');
        if ((dot < 0 ? tree : value(path.substring(0, dot))) instanceof Map<?, ?> m) m.remove(path.substring(dot + 1));
    }

    /** The map at a path, made (or made a map) when it is not one yet. */
    @SuppressWarnings("unchecked")
    Map<String, Object> section(String path) {
        Map<String, Object> at = tree;
        for (String part : path.split("\\.")) {
            if (!(at.get(part) instanceof Map<?, ?>)) at.put(part, new LinkedHashMap<String, Object>());
            at = (Map<String, Object>) at.get(part);
        }
        return at;
    }

    String shape(String id) { return shape.get(id); }

    void shape(String id, String choice) {
        if (choice == null) shape.remove(id);
        else shape.put(id, choice);
    }

    /** A value as an answer is typed: lists "a, b", maps one NAME=VALUE per line; null when absent or empty. */
    String text(String path) { return text(value(path)); }

    static String text(Object v) {
        if (v == null) return null;
        if (v instanceof List<?> l) return l.isEmpty() ? null : AnswerText.joinList(l.stream().map(String::valueOf).toList());
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) return null;
            Map<String, String> pairs = new LinkedHashMap<>();
            m.forEach((k, x) -> pairs.put(String.valueOf(k), String.valueOf(x)));
            return AnswerText.joinPairs(pairs);
        }
        return String.valueOf(v);
    }

    /** The list at a path as text items; empty when absent. */
    List<String> list(String path) {
        List<String> out = new ArrayList<>();
        if (value(path) instanceof List<?> l) l.forEach(x -> out.add(String.valueOf(x)));
        return out;
    }

    /** The unfinished wizard as a spec-shaped file: only what {@code given} answers, read back by {@link #read}. */
    static String draftText(WizardFlow flow, String header) {
        SpecDraft d = empty();
        d.tree.put("version", 1);
        for (Question q : Questions.all()) {
            if (flow.given(q.id())) q.spec().write(d, flow.get(q.id()));
        }
        for (Question q : Questions.all()) q.spec().toFile(d);
        if (!EnvironmentQuestions.names(flow).isEmpty()) d.tree.put(EnvironmentQuestions.SECTION, EnvironmentOverrides.section(flow));
        return header + SpecTree.write(d.tree);
    }
}
