package dev.gantry.spec.yaml;

import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Environment;
import dev.gantry.spec.Environments;
import dev.gantry.spec.Rules;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Suggest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code environments:}: each entry is a partial spec deep-merged over the file's body (maps merge,
 * lists and scalars replace) on the node tree, before binding, so every value keeps its line and a
 * problem in an environment's entry is named by its path there ({@code environments.staging.task.cpu}).
 * The merge knows no section by name: whatever top-level keys the file's version has are merged
 * the same way. Every environment is checked, whichever one a command works on.
 */
final class EnvironmentSpecs {
    static final String SECTION = "environments";
    /** Keys of an environment's entry that are not a part of the spec. */
    static final List<String> OWN_KEYS = List.of("account", "default");
    /** What an environment cannot change: the spec's format and the app's identity. */
    static final List<String> FIXED = List.of("version", "app", SECTION);

    private final String file;
    private final List<Diagnostic> out;
    private final Report report;
    private final List<Report.Region> regions = new ArrayList<>();
    private final Map<String, Node.Entry> entries = new LinkedHashMap<>();
    private final Map<String, Node.MapNode> overrides = new LinkedHashMap<>();
    private final List<Environment> environments = new ArrayList<>();

    private EnvironmentSpecs(String file, List<Diagnostic> out) {
        this.file = file;
        this.out = out;
        this.report = new Report(file, out);
    }

    /** True when the file names environments (only such a file is checked here). */
    static boolean named(Node root) {
        return root instanceof Node.MapNode m && m.get(SECTION) != null;
    }

    /**
     * Checks every environment of the file; the result's spec is {@code chosen}'s (the first
     * environment's when none is chosen). A name not in the file with {@code from} is a preview
     * environment made from {@code from}'s settings.
     */
    static SpecLoader.Result check(String file, Node.MapNode root, List<Diagnostic> out, String chosen, String from) {
        return new EnvironmentSpecs(file, out).check(root, chosen, from);
    }

    private SpecLoader.Result check(Node.MapNode root, String chosen, String from) {
        Node.Entry section = root.get(SECTION);
        Node.MapNode body = without(root, SECTION);
        readSection(root, section);
        String app = root.get("app") != null && root.get("app").value() instanceof Node.ScalarNode a
                && a.kind() == Node.Kind.STRING ? a.text() : null;
        Map<String, Spec> specs = new LinkedHashMap<>();
        Set<Diagnostic> found = new LinkedHashSet<>();
        boolean ok = !report.hasErrors();
        for (Environment env : environments) {
            Spec spec = bind(body, env, app, found);
            if (spec == null) ok = false;
            else specs.put(env.name(), spec);
        }
        out.addAll(found);
        if (ok) sharedNames(specs);
        Environments all = new Environments(environments);
        if (report.hasErrors() || !ok || environments.isEmpty()) return new SpecLoader.Result(null, out, all, null);
        if (chosen == null) return new SpecLoader.Result(specs.get(environments.get(0).name()), out, all, null);
        Environment env = all.find(chosen).orElse(null);
        if (env != null) return new SpecLoader.Result(specs.get(chosen), out, all, env);
        if (from == null || all.find(from).isEmpty()) throw new IllegalArgumentException("no environment " + chosen + " in " + file);
        Environment preview = new Environment(chosen, all.find(from).get().account(), false, false, from);
        Set<Diagnostic> previewFound = new LinkedHashSet<>();
        Spec spec = preview(body, all.find(from).get(), preview, app, previewFound);
        out.addAll(previewFound);
        return new SpecLoader.Result(spec, out, all, preview);
    }

    /** Reads the names, accounts and defaults; leaves each entry's overrides for the binder. */
    private void readSection(Node.MapNode root, Node.Entry section) {
        Node value = section.value();
        if (!(value instanceof Node.MapNode map) || map.entries().isEmpty()) {
            boolean empty = value instanceof Node.ScalarNode s && s.kind() == Node.Kind.NULL || value instanceof Node.MapNode;
            report.error(value.line(), value.column(), SECTION, empty ? "environments is empty"
                            : "expected a map of environments (NAME: the settings that differ), got " + value.describe(),
                    "name each environment on its own line below 'environments:', e.g. production: {} and staging: {task: {cpu: 256}}, or remove environments");
            return;
        }
        List<Node.Entry> list = new ArrayList<>(map.entries().values());
        Node.Entry after = next(root, SECTION);
        Node.Entry firstDefault = null;
        for (int i = 0; i < list.size(); i++) {
            Node.Entry e = list.get(i);
            String field = SECTION + "." + e.key();
            Node.Entry end = i + 1 < list.size() ? list.get(i + 1) : after;
            regions.add(new Report.Region(e.line(), e.column(), end == null ? Integer.MAX_VALUE : end.line(),
                    end == null ? Integer.MAX_VALUE : end.column(), field));
            Rules.Problem name = Environment.checkName(e.key());
            if (name != null) report.error(e.line(), e.column(), field, name);
            Node.MapNode settings;
            if (e.value() instanceof Node.ScalarNode s && s.kind() == Node.Kind.NULL) {
                settings = Node.MapNode.empty(e.line(), e.column());
            } else if (e.value() instanceof Node.MapNode m) {
                settings = m;
            } else {
                report.error(e.value().line(), e.value().column(), field, "expected a map of the settings that differ in "
                        + e.key() + ", got " + e.value().describe(), "write e.g. " + e.key() + ": {service: {desiredCount: 1}}, or " + e.key() + ": {} to inherit everything");
                continue;
            }
            String account = account(settings, field);
            Boolean isDefault = null;
            Node.Entry d = settings.get("default");
            if (d != null) {
                if (d.value() instanceof Node.ScalarNode s && s.kind() == Node.Kind.BOOL) isDefault = (Boolean) s.value();
                else report.error(d.value().line(), d.value().column(), field + ".default", "expected true or false, got " + d.value().describe(),
                        "write default: true on the one environment read-only commands use when none is named");
            }
            if (Boolean.TRUE.equals(isDefault)) {
                if (firstDefault != null) {
                    report.error(d.line(), d.column(), field + ".default", "only one environment may be the default; "
                            + firstDefault.key() + " is already (line " + firstDefault.line() + ")", "remove default: true from one of them");
                } else {
                    firstDefault = e;
                }
            }
            for (String fixed : FIXED) {
                Node.Entry f = settings.get(fixed);
                if (f != null) {
                    report.error(f.line(), f.column(), field + "." + fixed, "an environment cannot change " + fixed
                                    + (fixed.equals("app") ? ": every environment is the same app (the first keeps its names, the others are named APP-ENV in AWS)" : ""),
                            "remove it from " + e.key() + "; set it at the top of the file");
                }
            }
            entries.put(e.key(), e);
            overrides.put(e.key(), without(without(settings, "account"), "default"));
            environments.add(new Environment(e.key(), account, Boolean.TRUE.equals(isDefault), i == 0, null));
        }
    }

    /** {@code account}: a profile name, or a 12-digit id (YAML reads it as a number unless quoted). */
    private String account(Node.MapNode settings, String field) {
        Node.Entry a = settings.get("account");
        if (a == null) return null;
        if (a.value() instanceof Node.ScalarNode s && (s.kind() == Node.Kind.STRING || s.kind() == Node.Kind.INT)) {
            String text = s.text().trim();
            if (text.matches("[0-9]+") && text.length() != 12) {
                report.error(s.line(), s.column(), field + ".account", "an AWS account id has 12 digits, got " + text.length(),
                        "write the 12-digit id (quoted, with its leading zeros: account: \"012345678901\"), or a profile name from ~/.aws/config");
                return null;
            }
            if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
                report.error(s.line(), s.column(), field + ".account", "expected a profile name or a 12-digit account id, got '" + s.text() + "'",
                        "e.g. account: staging (a profile in ~/.aws/config) or account: \"123456789012\"");
                return null;
            }
            return text;
        }
        report.error(a.value().line(), a.value().column(), field + ".account", "expected a profile name or a 12-digit account id, got "
                + a.value().describe(), "e.g. account: staging (a profile in ~/.aws/config) or account: \"123456789012\"");
        return null;
    }

    /** One environment's spec: the body with its entry merged over, bound with the binder's every rule. */
    private Spec bind(Node.MapNode body, Environment env, String app, Set<Diagnostic> found) {
        Node.Entry at = entries.get(env.name());
        // A name already refused (readSection said why) would only repeat itself as an AWS name.
        if (at == null || Environment.checkName(env.name()) != null) return null;
        Node.MapNode merged = merge(body, overrides.get(env.name()));
        if (!env.first() && app != null && Rules.appName(app) == null) {
            String name = env.appName(app);
            if (Rules.appName(name) != null) {
                found.add(Diagnostic.error(file, at.line(), at.column(), SECTION + "." + env.name(), "this environment's AWS names start with "
                                + name + " (" + name.length() + " characters); an app's name may have at most " + Rules.APP_LENGTH.max()
                                + " (it prefixes names AWS limits to 32)",
                        "shorten the environment's name or app so that APP-ENV has at most " + Rules.APP_LENGTH.max() + " characters"));
                return null;
            }
            merged = with(merged, "app", new Node.ScalarNode(at.line(), at.column(), Node.Kind.STRING, name, name));
        }
        return bound(merged, env, null, found);
    }

    private Spec bound(Node.MapNode merged, Environment env, String from, Set<Diagnostic> found) {
        List<Diagnostic> mine = new ArrayList<>();
        Report own = new Report(file, mine);
        regions.forEach(own::region);
        Spec spec = new SpecBinder(own).bind(merged);
        int room = Rules.MAX_USER_TAGS - (from == null ? 1 : 2);
        if (spec != null && spec.tags().size() > room) {
            Node.Entry tags = merged.get("tags");
            own.error(tags.line(), tags.column(), "tags", "at most " + room + " tags " + (from == null ? "with environments" : "in a preview environment")
                    + " (AWS allows 50 per resource, and gantry adds gantry:app, gantry:component, Name, gantry:env"
                    + (from == null ? "" : " and gantry:env-from") + "), got " + spec.tags().size(), "remove some tags");
            spec = null;
        }
        found.addAll(mine);
        if (spec == null) return null;
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        tags.put(Environment.TAG, env.name());
        if (from != null) tags.put(Environment.TAG_FROM, from);
        return spec.withTags(tags);
    }

    /**
     * Two environments in one account must not want one name that the spec gives explicitly (a
     * managed secret's parameter, the DNS record, the cluster): the second would find the first's,
     * and ownership would refuse it at plan time. Said here, before any AWS call.
     */
    private void sharedNames(Map<String, Spec> specs) {
        List<Environment> seen = new ArrayList<>();
        for (Environment env : environments) {
            Spec spec = specs.get(env.name());
            for (Environment other : seen) {
                if (!java.util.Objects.equals(other.account(), env.account())) continue;
                Spec them = specs.get(other.name());
                Node.Entry at = entries.get(env.name());
                spec.managedSecrets().forEach((secret, ref) -> {
                    if (them.managedSecrets().containsKey(secret) && them.managedSecrets().get(secret).parameter().equals(ref.parameter())) {
                        shared(at, env, other, "the secret parameter " + ref.parameter(),
                                "give " + env.name() + " its own: task: {secrets: {" + secret + ": {parameter: /" + spec.app()
                                        + "/" + ref.parameter().substring(ref.parameter().lastIndexOf('/') + 1) + "}}}");
                    }
                });
                if (spec.hasDns() && them.hasDns() && spec.dns().record().equalsIgnoreCase(them.dns().record())) {
                    shared(at, env, other, "the DNS record " + spec.dns().record(), "give " + env.name() + " its own: dns: {record: " + env.name() + "." + spec.dns().zone() + "}");
                }
                if (spec.cluster().name().equals(them.cluster().name())) {
                    shared(at, env, other, "the cluster name " + spec.cluster().name(), "give " + env.name() + " its own cluster: {name: …}, or leave cluster.name out (each environment's is then named after it)");
                }
            }
            seen.add(env);
        }
    }

    private void shared(Node.Entry at, Environment env, Environment other, String what, String fix) {
        report.error(at.line(), at.column(), SECTION + "." + env.name(), env.name() + " and " + other.name() + " are in the same account and both want "
                + what + "; each environment needs its own", fix);
    }

    /**
     * A preview environment: {@code from}'s settings, with the host {@code NAME.ZONE} under its
     * DNS zone (and a certificate for it), the cheapest network (no NAT gateway), and secret
     * parameters of its own, so nothing it makes is a name {@code from} holds.
     */
    private Spec preview(Node.MapNode body, Environment from, Environment preview, String app, Set<Diagnostic> found) {
        Node.Entry at = entries.get(from.name());
        Node.MapNode t = merge(body, overrides.get(from.name()));
        String name = preview.appName(app);
        Rules.Problem p = Environment.checkName(preview.name());
        if (p == null && Rules.appName(name) != null) {
            p = new Rules.Problem("the preview's AWS names would start with " + name + " (" + name.length() + " characters); an app's name may have at most "
                    + Rules.APP_LENGTH.max(), "use a shorter name (e.g. pr-" + preview.name().replaceAll("[^0-9]", "") + ")");
        }
        if (p != null) {
            found.add(Diagnostic.error(file, 0, 0, "--env", p.message(), p.fix()));
            return null;
        }
        int line = at.line(), col = at.column();
        t = with(t, "app", scalar(line, col, name));
        String zone = null;
        if (t.get("dns") != null && t.get("dns").value() instanceof Node.MapNode dns && dns.get("zone") != null
                && dns.get("zone").value() instanceof Node.ScalarNode z && z.kind() == Node.Kind.STRING) {
            zone = z.text();
            t = with(t, "dns", with(dns, "record", scalar(line, col, preview.name() + "." + zone)));
        }
        if (zone != null && t.get("certificate") != null && t.get("certificate").value() instanceof Node.MapNode cert && cert.get("domain") != null) {
            t = with(t, "certificate", with(without(cert, "alternativeNames"), "domain", scalar(line, col, preview.name() + "." + zone)));
        }
        Node.MapNode network = t.get("network") != null && t.get("network").value() instanceof Node.MapNode n ? n : null;
        boolean newVpc = network == null || network.get("vpc") == null
                || network.get("vpc").value() instanceof Node.ScalarNode v && "new".equals(v.text());
        if (newVpc) t = with(t, "network", with(network == null ? Node.MapNode.empty(line, col) : network, "natGateways", scalar(line, col, "none")));
        if (t.get("task") != null && t.get("task").value() instanceof Node.MapNode task && task.get("secrets") != null
                && task.get("secrets").value() instanceof Node.MapNode secrets) {
            Node.MapNode renamed = secrets;
            for (Node.Entry s : secrets.entries().values()) {
                if (s.value() instanceof Node.MapNode ref && ref.get("parameter") != null
                        && ref.get("parameter").value() instanceof Node.ScalarNode param && param.kind() == Node.Kind.STRING
                        && !param.text().startsWith("arn:")) {
                    String own = "/" + name + (param.text().startsWith("/") ? "" : "/") + param.text();
                    renamed = with(renamed, s.key(), with(ref, "parameter", scalar(line, col, own)));
                }
            }
            t = with(t, "task", with(task, "secrets", renamed));
        }
        return bound(t, preview, from.name(), found);
    }

    /** A suggestion for an environment name that is not in the file, or null. */
    static String nearest(String name, Environments all) { return Suggest.nearest(name, all.names()); }

    // ---- the tree ----

    /** {@code over} merged onto {@code base}: maps merge key by key, anything else replaces (an empty value leaves a map as it is). */
    static Node.MapNode merge(Node.MapNode base, Node.MapNode over) {
        LinkedHashMap<String, Node.Entry> merged = new LinkedHashMap<>(base.entries());
        for (Node.Entry e : over.entries().values()) {
            Node.Entry b = merged.get(e.key());
            if (b != null && b.value() instanceof Node.MapNode bm) {
                if (e.value() instanceof Node.MapNode om) {
                    merged.put(e.key(), new Node.Entry(e.key(), b.line(), b.column(), merge(bm, om)));
                    continue;
                }
                if (e.value() instanceof Node.ScalarNode s && s.kind() == Node.Kind.NULL) continue;
            }
            merged.put(e.key(), e);
        }
        return new Node.MapNode(base.line(), base.column(), merged);
    }

    private static Node.MapNode without(Node.MapNode m, String key) {
        if (m.get(key) == null) return m;
        LinkedHashMap<String, Node.Entry> rest = new LinkedHashMap<>(m.entries());
        rest.remove(key);
        return new Node.MapNode(m.line(), m.column(), rest);
    }

    /** {@code m} with {@code key} set to {@code value} (where the key was, or at the value's position when new). */
    private static Node.MapNode with(Node.MapNode m, String key, Node value) {
        LinkedHashMap<String, Node.Entry> all = new LinkedHashMap<>(m.entries());
        Node.Entry old = all.get(key);
        all.put(key, new Node.Entry(key, old != null ? old.line() : value.line(), old != null ? old.column() : value.column(), value));
        return new Node.MapNode(m.line(), m.column(), all);
    }

    private static Node.ScalarNode scalar(int line, int column, String text) {
        return new Node.ScalarNode(line, column, Node.Kind.STRING, text, text);
    }

    /** The top-level entry after {@code key} (entries keep the file's order), where the environments' part of the file ends. */
    private static Node.Entry next(Node.MapNode root, String key) {
        boolean past = false;
        for (Node.Entry e : root.entries().values()) {
            if (past) return e;
            if (e.key().equals(key)) past = true;
        }
        return null;
    }
}
