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
    /** In version 2, the service whose task, service and public answers the questions read and write. */
    private String focus;

    private SpecDraft(Map<String, Object> tree) { this.tree = tree; }

    static SpecDraft empty() { return new SpecDraft(new LinkedHashMap<>()); }

    /** A spec or a draft, leniently (read by the spec's own YAML reader, unchecked): a file with mistakes still opens. */
    public static SpecDraft read(String fileName, String text) throws IOException {
        SpecDraft d = new SpecDraft(SpecTree.read(fileName, text));
        d.eachService(() -> { for (Question q : Questions.all()) q.spec().fromFile(d); });
        // Environments the file already has inherit the body where it says nothing (no new defaults).
        if (d.value(EnvironmentQuestions.SECTION) instanceof Map<?, ?> envs) {
            d.shape(EnvironmentQuestions.IN_FILE, AnswerText.joinList(envs.keySet().stream().map(String::valueOf).toList()));
        }
        return d;
    }

    /** Runs {@code r} once per service with the focus on it (version 2), else once; the focus is restored. */
    void eachService(Runnable r) {
        if (!servicesVersion()) {
            r.run();
            return;
        }
        String was = focus;
        try {
            for (String name : serviceNames()) {
                focus = name;
                r.run();
            }
        } finally {
            focus = was;
        }
    }

    /**
     * Version 1's tree as version 2, as {@code gantry migrate} writes it: task and service under
     * services.APP, loadBalancer's health-check keys under its public, dns.record its route, so the
     * running stack keeps its names. {@code isPublic} and {@code record} are the effective answers
     * (a default is not in the tree).
     */
    @SuppressWarnings("unchecked")
    void toServicesVersion(String app, boolean isPublic, String record) {
        if (servicesVersion()) return;
        Map<String, Object> one = new LinkedHashMap<>();
        if (tree.containsKey("task")) one.put("task", tree.remove("task"));
        if (tree.containsKey("service")) one.put("service", tree.remove("service"));
        shape.remove("loadBalancer");
        if (isPublic) {
            Map<String, Object> pub = new LinkedHashMap<>();
            if (record != null) pub.put("routes", new ArrayList<>(List.of(record)));
            if (tree.get("loadBalancer") instanceof Map<?, ?> lb) {
                for (String k : PER_SERVICE_LB) if (lb.containsKey(k)) pub.put(k, ((Map<String, Object>) lb).remove(k));
            }
            one.put("public", pub);
        } else {
            tree.remove("loadBalancer");
        }
        if (tree.get("dns") instanceof Map<?, ?> dns) ((Map<String, Object>) dns).remove("record");
        for (String id : List.copyOf(shape.keySet())) {
            if (id.startsWith("task.")) shape.put("services." + app + "." + id, shape.remove(id));
        }
        Map<String, Object> services = new LinkedHashMap<>();
        services.put(app, one);
        Map<String, Object> reordered = new LinkedHashMap<>();
        tree.forEach((k, v) -> {
            if (k.equals("alerts") || k.equals("release") || k.equals("jobs")) reordered.putIfAbsent("services", services);
            reordered.put(k, v);
        });
        reordered.putIfAbsent("services", services);
        reordered.put("version", 2);
        tree.clear();
        tree.putAll(reordered);
    }

    /** A new, empty service (version 2). */
    void addService(String name) { section("services." + name); }

    /** Takes a service out of the tree, for {@link #attachService} to put back in its place. */
    @SuppressWarnings("unchecked")
    Object detachService(String name) {
        detached = List.copyOf(serviceNames());
        return ((Map<String, Object>) tree.get("services")).remove(name);
    }

    /** Puts back what {@link #detachService} took out, in the services' order. */
    @SuppressWarnings("unchecked")
    void attachService(String name, Object value) {
        Map<String, Object> services = (Map<String, Object>) tree.get("services");
        Map<String, Object> copy = new LinkedHashMap<>(services);
        services.clear();
        for (String n : detached) services.put(n, n.equals(name) ? value : copy.get(n));
    }

    private List<String> detached = List.of();

    /** Removes a service and what only it held. */
    void removeService(String name) {
        if (tree.get("services") instanceof Map<?, ?> m) m.remove(name);
        shape.keySet().removeIf(k -> k.startsWith("services." + name + "."));
        stashed.keySet().removeIf(k -> k.startsWith("services." + name + "."));
        if (name.equals(focus)) focus = null;
    }

    /** True when the draft is version 2: its services are under {@code services:}. */
    boolean servicesVersion() { return tree.get("services") instanceof Map; }

    /** The service the per-service questions are about now (version 2), or null. */
    String focus() { return focus; }

    void focus(String name) { this.focus = name; }

    /** The services' names in the file's order (version 2), else empty. */
    List<String> serviceNames() {
        List<String> out = new ArrayList<>();
        if (tree.get("services") instanceof Map<?, ?> m) m.keySet().forEach(k -> out.add(String.valueOf(k)));
        return out;
    }

    /** Whether a service of a version-2 draft is public: it has a public section (even {@code public:} alone). */
    boolean isPublic(String service) {
        return raw("services." + service) instanceof Map<?, ?> m && m.containsKey("public");
    }

    /**
     * Where a question's path lives: in version 2 a service's own keys (task, service, internal,
     * public, and the health-check keys version 1 kept under loadBalancer) sit under
     * services.FOCUS, so one question serves every service.
     */
    String at(String path) {
        if (focus == null || !servicesVersion()) return path;
        int dot = path.indexOf('.');
        String first = dot < 0 ? path : path.substring(0, dot);
        if (PER_SERVICE_SECTIONS.contains(first)) return "services." + focus + "." + path;
        if (first.equals("loadBalancer") && dot > 0 && PER_SERVICE_LB.contains(path.substring(dot + 1))) {
            return "services." + focus + ".public." + path.substring(dot + 1);
        }
        return path;
    }

    private static final List<String> PER_SERVICE_SECTIONS = List.of("task", "service", "internal", "public");
    /** Version 1's loadBalancer keys that are each public service's in version 2 (spec.md, Version 2). */
    static final List<String> PER_SERVICE_LB = List.of("healthCheckPath", "deregistrationDelay", "healthCheckInterval",
            "healthCheckTimeout", "healthyThreshold");

    /** The value at a dotted path (task.logs.retentionDays), or null. */
    Object value(String path) { return raw(at(path)); }

    private Object raw(String path) {
        Object at = tree;
        for (String part : path.split("\\.")) {
            if (!(at instanceof Map<?, ?> m)) return null;
            at = m.get(part);
        }
        return at;
    }

    /** True when the file names the key, even with no value ({@code alerts:} alone turns alerts on). */
    boolean has(String asked) {
        String path = at(asked);
        int dot = path.lastIndexOf('.');
        Object parent = dot < 0 ? tree : raw(path.substring(0, dot));
        return parent instanceof Map<?, ?> m && m.containsKey(path.substring(dot + 1));
    }

    void put(String asked, Object v) {
        String path = at(asked);
        int dot = path.lastIndexOf('.');
        (dot < 0 ? tree : section(path.substring(0, dot))).put(path.substring(dot + 1), v);
    }

    void remove(String asked) {
        String path = at(asked);
        int dot = path.lastIndexOf('.');
        if ((dot < 0 ? tree : raw(path.substring(0, dot))) instanceof Map<?, ?> m) m.remove(path.substring(dot + 1));
    }

    /** The map at a path, made (or made a map) when it is not one yet. */
    @SuppressWarnings("unchecked")
    Map<String, Object> section(String asked) {
        Map<String, Object> at = tree;
        for (String part : at(asked).split("\\.")) {
            if (!(at.get(part) instanceof Map<?, ?>)) at.put(part, new LinkedHashMap<String, Object>());
            at = (Map<String, Object>) at.get(part);
        }
        return at;
    }

    /** A shape answer; in version 2 a service's own (its source, whether it is public) is kept per service. */
    String shape(String id) {
        if (focus != null && servicesVersion() && id.equals("loadBalancer")) {
            return value("public") instanceof Map || has("public") && value("public") == null ? "yes" : "no";
        }
        return shape.get(shapeKey(id));
    }

    void shape(String id, String choice) {
        if (focus != null && servicesVersion() && id.equals("loadBalancer")) {
            // Public or not is the service's public section itself; turning it off and on keeps its keys.
            if ("yes".equals(choice) && !(value("public") instanceof Map)) {
                Object kept = shape.remove(shapeKey("public"));
                put("public", kept != null ? stashed.remove(kept) : new LinkedHashMap<String, Object>());
                if (value("public") == null) section("public");
            } else if (!"yes".equals(choice) && value("public") instanceof Map<?, ?> p) {
                String key = shapeKey("public");
                shape.put(key, key);
                stashed.put(key, p);
                remove("public");
            }
            return;
        }
        if (choice == null) shape.remove(shapeKey(id));
        else shape.put(shapeKey(id), choice);
    }

    private final Map<String, Object> stashed = new LinkedHashMap<>();

    private String shapeKey(String id) {
        boolean mine = focus != null && servicesVersion() && (id.startsWith("task.") || id.equals("public"));
        return mine ? "services." + focus + "." + id : id;
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
