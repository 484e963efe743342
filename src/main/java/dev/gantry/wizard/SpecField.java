package dev.gantry.wizard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where a question's answer lives in the spec, declared once with the question: the typed value at
 * its path in a {@link SpecDraft} (the wizard's state, a file, a draft), and the answer's text as
 * every UI and flag types it ("8080", "a, b", "NAME=VALUE" lines). An answer that is not (yet) a
 * value of the field's type is kept as typed text, as YAML would hold it, so a screen shows it back
 * with its error instead of losing it.
 *
 * @param <T> the spec's type of the value (Integer for task.port, List for subnets)
 */
public final class SpecField<T> {
    private final String id;
    private final String path;
    private final Function<String, T> parse;
    private final Function<T, String> format;
    private final Access access;

    /** How a field's value sits in the draft; most are the value at the path, a few span keys or shape it. */
    private interface Access {
        Object get(SpecDraft d, String path);
        void put(SpecDraft d, String path, Object value);
        void remove(SpecDraft d, String path);
    }

    private static final Access AT_PATH = new Access() {
        @Override public Object get(SpecDraft d, String path) { return d.value(path); }
        @Override public void put(SpecDraft d, String path, Object value) { d.put(path, value); }
        @Override public void remove(SpecDraft d, String path) { d.remove(path); }
    };

    private final Function<SpecDraft, String> fromFile;
    private final Consumer<SpecDraft> toFile;

    private SpecField(String id, String path, Function<String, T> parse, Function<T, String> format, Access access,
                      Function<SpecDraft, String> fromFile, Consumer<SpecDraft> toFile) {
        this.id = id;
        this.path = path;
        this.parse = parse;
        this.format = format;
        this.access = access;
        this.fromFile = fromFile;
        this.toFile = toFile;
    }

    private static <T> SpecField<T> at(String path, Function<String, T> parse, Function<T, String> format) {
        return new SpecField<>(path, path, parse, format, AT_PATH, null, null);
    }

    /** Text as typed (names, paths, ARNs, enum values such as network.vpc). */
    public static SpecField<String> text(String path) { return at(path, s -> s, s -> s); }

    /** A whole number (task.port). */
    public static SpecField<Integer> integer(String path) {
        return at(path, s -> s.matches("-?[0-9]{1,9}") ? Integer.valueOf(s) : null, String::valueOf);
    }

    /** true / false (cluster.containerInsights). */
    public static SpecField<Boolean> bool(String path) {
        return at(path, s -> s.equals("true") ? Boolean.TRUE : s.equals("false") ? Boolean.FALSE : null, String::valueOf);
    }

    /** A list, typed "a, b" (subnets, CIDRs). */
    public static SpecField<List<String>> list(String path) { return at(path, AnswerText::list, AnswerText::joinList); }

    /** NAME: VALUE pairs, typed one NAME=VALUE per line (environment). */
    public static SpecField<Map<String, String>> pairs(String path) {
        return at(path, s -> {
            Map<String, String> p = AnswerText.pairs(s);
            return p.containsValue(null) ? null : p;
        }, AnswerText::joinPairs);
    }

    /** NAME: {parameter: P}, typed NAME=P per line (task.secrets). */
    public static SpecField<Map<String, Object>> secrets(String path) {
        return at(path, s -> {
            Map<String, String> p = AnswerText.pairs(s);
            if (p.containsValue(null)) return null;
            Map<String, Object> out = new LinkedHashMap<>();
            p.forEach((n, param) -> out.put(n, new LinkedHashMap<>(Map.of("parameter", param))));
            return out;
        }, m -> {
            Map<String, String> p = new LinkedHashMap<>();
            m.forEach((n, ref) -> p.put(n, ref instanceof Map<?, ?> r && r.get("parameter") != null ? String.valueOf(r.get("parameter")) : ""));
            return AnswerText.joinPairs(p);
        });
    }

    /** {min, max, cpuTarget}, typed MIN:MAX:CPU (service.autoscaling); "none" stays text. */
    public static SpecField<Map<String, Object>> autoscaling(String path) {
        return at(path, s -> {
            String[] p = s.split(":", -1);
            if (p.length != 3 || !s.matches("[0-9]{1,9}:[0-9]{1,9}:[0-9]{1,9}")) return null;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("min", Integer.valueOf(p[0]));
            out.put("max", Integer.valueOf(p[1]));
            out.put("cpuTarget", Integer.valueOf(p[2]));
            return out;
        }, m -> text(m.get("min")) + ":" + text(m.get("max")) + ":" + text(m.get("cpuTarget")));
    }

    private static String text(Object v) { return v == null ? "" : String.valueOf(v); }

    /** task.cpu and task.memory as one answer, CPU/MEMORY (only pairs Fargate accepts are offered). */
    public static SpecField<String> size(String id, String cpuPath, String memoryPath) {
        Access both = new Access() {
            @Override public Object get(SpecDraft d, String ignored) {
                Object cpu = d.value(cpuPath), mem = d.value(memoryPath);
                if (mem == null && cpu instanceof String typed) return typed; // not a size: kept as typed
                return cpu == null && mem == null ? null : (cpu == null ? "256" : cpu) + "/" + (mem == null ? "512" : mem);
            }
            @Override public void put(SpecDraft d, String ignored, Object value) {
                String s = String.valueOf(value);
                int slash = s.indexOf('/');
                d.put(cpuPath, slash < 0 ? s : number(s.substring(0, slash)));
                if (slash < 0) d.remove(memoryPath);
                else d.put(memoryPath, number(s.substring(slash + 1)));
            }
            @Override public void remove(SpecDraft d, String ignored) {
                d.remove(cpuPath);
                d.remove(memoryPath);
            }
        };
        return new SpecField<>(id, id, s -> s, s -> s, both, null, null);
    }

    private static Object number(String s) { return s.matches("[0-9]{1,9}") ? Integer.valueOf(s) : s; }

    /**
     * An answer that shapes the spec rather than filling a value (a load balancer or none): kept
     * beside the tree, so switching back and forth loses nothing. {@code fromFile} reads it off a
     * file's tree; {@code toFile} writes it into a draft's (the section it opens).
     */
    public static SpecField<String> shape(String id, Function<SpecDraft, String> fromFile, Consumer<SpecDraft> toFile) {
        Access beside = new Access() {
            @Override public Object get(SpecDraft d, String i) { return d.shape(i); }
            @Override public void put(SpecDraft d, String i, Object value) { d.shape(i, String.valueOf(value)); }
            @Override public void remove(SpecDraft d, String i) { d.shape(i, null); }
        };
        return new SpecField<>(id, id, s -> s, s -> s, beside, fromFile, toFile);
    }

    /**
     * One name for two keys (an environment's domain: its certificate's and its DNS record's);
     * reads the first that is set, writes both ({@link EnvironmentOverrides} keeps only those the
     * file's body has).
     */
    public static SpecField<String> both(String id, String firstPath, String secondPath) {
        Access two = new Access() {
            @Override public Object get(SpecDraft d, String ignored) {
                Object v = d.value(firstPath);
                return v != null ? v : d.value(secondPath);
            }
            @Override public void put(SpecDraft d, String ignored, Object value) {
                d.put(firstPath, value);
                d.put(secondPath, value);
            }
            @Override public void remove(SpecDraft d, String ignored) {
                d.remove(firstPath);
                d.remove(secondPath);
            }
        };
        return new SpecField<>(id, id, s -> s, s -> s, two, null, null);
    }

    /**
     * One field of every environment at once, typed NAME=VALUE per line (the flags' form:
     * --env-count staging=1). Text that is not such lines is kept beside the tree, with its error.
     */
    public static SpecField<String> perEnvironment(String id, Function<String, SpecField<?>> fieldOf) {
        Access each = new Access() {
            @Override public Object get(SpecDraft d, String i) {
                if (d.shape(i) != null) return d.shape(i);
                List<String> lines = new java.util.ArrayList<>();
                if (d.value(EnvironmentQuestions.SECTION) instanceof Map<?, ?> envs) {
                    for (Object name : envs.keySet()) {
                        String v = fieldOf.apply(String.valueOf(name)).read(d);
                        if (v != null) lines.add(name + "=" + v);
                    }
                }
                return lines.isEmpty() ? null : String.join("\n", lines);
            }
            @Override public void put(SpecDraft d, String i, Object value) {
                Map<String, String> pairs = AnswerText.pairs(String.valueOf(value));
                if (pairs.containsValue(null) || pairs.keySet().stream().anyMatch(n -> dev.gantry.spec.Environment.checkName(n) != null)) {
                    d.shape(i, String.valueOf(value));
                    return;
                }
                d.shape(i, null);
                pairs.forEach((n, v) -> fieldOf.apply(n).write(d, v));
            }
            @Override public void remove(SpecDraft d, String i) {
                d.shape(i, null);
                if (d.value(EnvironmentQuestions.SECTION) instanceof Map<?, ?> envs) {
                    for (Object name : List.copyOf(envs.keySet())) fieldOf.apply(String.valueOf(name)).clear(d);
                }
            }
        };
        return new SpecField<>(id, id, s -> s, s -> s, each, null, null);
    }

    /** The same field answered under another id (task.registryCredentials for task.registryCredentials.secret). */
    public SpecField<T> as(String answerId) { return new SpecField<>(answerId, path, parse, format, access, fromFile, toFile); }

    /** The answer's id: its spec path (task.port), or the choice's name for a shape (loadBalancer). */
    public String id() { return id; }

    /** The answer as typed, or null when none is given. */
    @SuppressWarnings("unchecked")
    String read(SpecDraft d) {
        Object v = access.get(d, path);
        if (v == null || v instanceof String) return (String) v;
        try {
            String s = format.apply((T) v);
            return s.isEmpty() ? null : s;
        } catch (ClassCastException e) {
            return SpecDraft.text(v); // a file's value of another type: shown as written, with its error
        }
    }

    /** The typed value of an answer, or null when it is not one (the text's error says why). */
    public T value(String answer) { return answer == null ? null : parse.apply(answer); }

    /** Records an answer: as the field's type when it reads back exactly as typed, else as the text itself. */
    void write(SpecDraft d, String answer) {
        // An empty answer stays "" (given, and empty), not an empty list that would read as not given.
        T v = answer.isEmpty() ? null : value(answer);
        access.put(d, path, v != null && answer.equals(format.apply(v)) ? v : answer);
    }

    void clear(SpecDraft d) { access.remove(d, path); }

    void fromFile(SpecDraft d) { if (fromFile != null) d.shape(id, fromFile.apply(d)); }

    void toFile(SpecDraft d) {
        if (toFile != null && d.shape(id) != null) toFile.accept(d);
    }
}
