package dev.gantry.wizard;

import dev.gantry.spec.Environment;
import dev.gantry.spec.Rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Environments screen: none, staging + production, or names of your own; then, per
 * environment, only what usually differs (account, domain, size, count, NAT). Each environment's
 * answers live at {@code environments.NAME.…} in the draft, so an environment is a partial spec
 * over the file's body; {@link EnvironmentOverrides} writes only what differs from the body.
 *
 * <p>The per-environment questions are made for the names answered ({@link #of(String)}); their
 * flags are one repeatable NAME=VALUE flag per field ({@code --env-count staging=1}), declared here
 * as questions the screen never shows (they carry the same answers for every environment at once).
 */
final class EnvironmentQuestions {
    private EnvironmentQuestions() {}

    static final String SECTION = "environments";
    static final String PRESET = "environments";
    static final String NAMES = "environments.names";
    static final String NONE = "none", STAGING_PRODUCTION = "staging-production", CUSTOM = "custom";
    static final List<String> PRESET_NAMES = List.of("production", "staging");

    /** The keys asked per environment, as {@code environments.NAME.KEY}. */
    static final String ACCOUNT = "account", DOMAIN = "certificate.domain", SIZE = "task.size", COUNT = "service.desiredCount",
            NAT = "network.natGateways";
    private static final List<String> KEYS = List.of(ACCOUNT, DOMAIN, SIZE, COUNT, NAT);

    private static final Map<String, List<Question>> MADE = new ConcurrentHashMap<>();

    static List<Question> all() {
        List<Question> out = new ArrayList<>();
        out.add(Question.in(WizardScreen.ENVIRONMENTS, SpecField.shape(PRESET, EnvironmentQuestions::presetInTree, d -> {}), Kind.CHOICE)
                .title("Environments")
                .explain("""
                        One gantry.yaml can describe several copies of the app (README, Environments): \
                        each is the settings above with only what differs written under its name. The \
                        first keeps the app's AWS names, so a running app becomes that environment \
                        without being replaced; every other one is named APP-ENV in AWS, with its own \
                        resources, lock and cost. Commands then take --env NAME.""")
                .choices(List.of(
                        new Choice(NONE, "none", "One stack, as written above. Default."),
                        new Choice(STAGING_PRODUCTION, "staging + production", "production as above (it keeps the app's names), and staging beside it: one task, no NAT gateway, its own host name."),
                        new Choice(CUSTOM, "custom", "Name them yourself (e.g. production, staging, qa).")))
                .defaults(k -> k.given(NAMES) ? CUSTOM : presetInTree(draft(k)))
                .validate((v, k) -> STAGING_PRODUCTION.equals(v) ? namesProblem(PRESET_NAMES, k) : null)
                .option("--env-preset", "none|staging-production|custom")
                .build());
        out.add(Question.in(WizardScreen.ENVIRONMENTS, SpecField.shape(NAMES, d -> d.value(SECTION) instanceof Map<?, ?> m && !m.isEmpty()
                        ? AnswerText.joinList(m.keySet().stream().map(String::valueOf).toList()) : null, d -> {}), Kind.LIST)
                .title("Environment names, first one keeps the app's names")
                .explain("""
                        Lowercase letters, digits and '-', separated by commas, e.g. production, staging, \
                        qa. Each becomes part of AWS names (APP-ENV, at most 28 characters) and of a \
                        preview's host name. Put the stack that runs today first: it keeps its names.""")
                .defaults(AnswerText.joinList(PRESET_NAMES))
                .validate((v, k) -> namesProblem(AnswerText.list(v), k))
                .when(k -> k.is(PRESET, CUSTOM), "environments: custom")
                .option("--env-names", "NAME,NAME", "The environments (with --env-preset custom, which they imply).")
                .build());
        out.add(template(ACCOUNT, "--env-account", "NAME=PROFILE", "An environment's AWS account: a profile name or a 12-digit account id (repeatable)."));
        out.add(template(DOMAIN, "--env-domain", "NAME=DOMAIN", "An environment's own domain, in the DNS zone (repeatable)."));
        out.add(template(SIZE, "--env-size", "NAME=CPU/MEMORY", "An environment's task size, e.g. staging=256/512 (repeatable)."));
        out.add(template(COUNT, "--env-count", "NAME=N", "An environment's number of tasks (repeatable)."));
        out.add(template(NAT, "--env-nat", "NAME=none|single|perAz", "An environment's NAT gateways, for a new VPC (repeatable)."));
        return out;
    }

    /** The flag of one per-environment field: every environment's answer as NAME=VALUE lines; never shown on the screen. */
    private static Question template(String key, String flag, String label, String help) {
        return Question.in(WizardScreen.ENVIRONMENTS, SpecField.perEnvironment(SECTION + ".*." + key, n -> field(n, key)), Kind.PAIRS)
                .field(SECTION + ".NAME." + key)
                .title("Per environment: " + key)
                .explain("One line NAME=VALUE per environment; each value is checked as that environment's own question on the screen.")
                .validate((v, k) -> {
                    List<String> names = names(k);
                    for (Map.Entry<String, String> e : AnswerText.pairs(v).entrySet()) {
                        if (e.getValue() == null) return "expected NAME=VALUE, got '" + e.getKey() + "'";
                        if (!names.contains(e.getKey())) {
                            return "no environment " + e.getKey() + (names.isEmpty() ? " (there are none: give --env-preset staging-production or --env-names)"
                                    : "; the environments are " + String.join(", ", names));
                        }
                        Question q = byKey(e.getKey(), key);
                        String err = q.applies(k) ? q.error(e.getValue(), k) : q.field() + ": applies only with " + q.needs();
                        if (err != null) return err;
                    }
                    return null;
                })
                .defaults("")
                .when(k -> !names(k).isEmpty(), "environments")
                .repeatable(flag, label, help)
                .build();
    }

    static boolean isTemplate(Question q) { return q.id().startsWith(SECTION + ".*."); }

    /** The environments as answered, in order (the first keeps the app's names); empty for none. */
    static List<String> names(AnswersSoFar k) {
        String preset = k.get(PRESET);
        if (STAGING_PRODUCTION.equals(preset)) return PRESET_NAMES;
        if (CUSTOM.equals(preset)) return AnswerText.list(k.get(NAMES));
        return List.of();
    }

    /** The questions asked for one environment, in order. */
    static List<Question> of(String name) { return MADE.computeIfAbsent(name, EnvironmentQuestions::make); }

    /** A per-environment question by its id ({@code environments.staging.service.desiredCount}). */
    static Optional<Question> byId(String id) {
        if (!id.startsWith(SECTION + ".")) return Optional.empty();
        String rest = id.substring(SECTION.length() + 1);
        int dot = rest.indexOf('.');
        if (dot < 1) return Optional.empty();
        String name = rest.substring(0, dot), key = rest.substring(dot + 1);
        if (!KEYS.contains(key) || Environment.checkName(name) != null) return Optional.empty();
        return Optional.of(byKey(name, key));
    }

    private static Question byKey(String name, String key) { return of(name).get(KEYS.indexOf(key)); }

    private static SpecField<?> field(String name, String key) { return byKey(name, key).spec(); }

    static String id(String name, String key) { return SECTION + "." + name + "." + key; }

    private static List<Question> make(String env) {
        String at = SECTION + "." + env + ".";
        Function<String, String> title = t -> env + ": " + t;
        return List.of(
                Question.in(WizardScreen.ENVIRONMENTS, SpecField.text(at + ACCOUNT), Kind.TEXT)
                        .title(title.apply("AWS account (profile or id; empty: the credentials given)"))
                        .explain("""
                                Where this environment lives: an AWS profile name from ~/.aws/config (gantry \
                                uses it for this environment), or a 12-digit account id the credentials must \
                                belong to. Empty: whatever credentials the command runs with. Separate \
                                accounts keep staging's mistakes away from production.""")
                        .validate(v -> account(v))
                        .option("--env-account", env + "=PROFILE")
                        .build(),
                Question.in(WizardScreen.ENVIRONMENTS, SpecField.both(at + DOMAIN, at + DOMAIN, at + "dns.record"), Kind.TEXT)
                        .field(at + "dns.record")
                        .title(title.apply("domain"))
                        .explain("""
                                This environment's host name: its certificate and DNS record (in the zone \
                                above). Two environments in one account need different names.""")
                        .defaults(k -> k.get(bodyDomainId(k)) == null ? null
                                : smaller(env, k) && !first(env, k) ? env + "." + k.get(bodyDomainId(k)) : k.get(bodyDomainId(k)))
                        .validate((v, k) -> domain(env, v, k))
                        .when(EnvironmentQuestions::hasDomain, "a certificate or a DNS record")
                        .option("--env-domain", env + "=DOMAIN")
                        .build(),
                Question.in(WizardScreen.ENVIRONMENTS, SpecField.size(at + SIZE, at + "task.cpu", at + "task.memory"), Kind.CHOICE)
                        .field(at + "task.memory")
                        .title(title.apply("CPU and memory per task"))
                        .explain("How much each of this environment's tasks gets; only sizes Fargate accepts are listed.")
                        .choices(k -> TaskSizes.choices())
                        .defaults(k -> k.get("task.size"))
                        .option("--env-size", env + "=CPU/MEMORY")
                        .build(),
                Question.in(WizardScreen.ENVIRONMENTS, SpecField.integer(at + COUNT), Kind.TEXT)
                        .title(title.apply("how many tasks"))
                        .explain("""
                                The copies of this environment's container kept running. One is enough for a \
                                staging copy; production keeps the count above.""")
                        .defaults(k -> smaller(env, k) && !String.valueOf(k.get("service.autoscaling")).matches("[0-9]+:.*") && k.intOr("service.desiredCount", 2) > 1
                                ? "1" : k.get("service.desiredCount"))
                        .validate((v, k) -> count(v, k))
                        .option("--env-count", env + "=N")
                        .build(),
                Question.in(WizardScreen.ENVIRONMENTS, SpecField.text(at + NAT), Kind.CHOICE)
                        .title(title.apply("NAT gateways"))
                        .explain("""
                                none puts this environment's tasks in public subnets with public IPs (cheapest, \
                                usual for staging); single or perAz keep them private, as above.""")
                        .choices(List.of(Choice.of("none", "Public subnets, no NAT gateway (cheapest)."),
                                Choice.of("single", "One NAT gateway."), Choice.of("perAz", "One NAT gateway per zone.")))
                        .defaults(k -> smaller(env, k) ? "none" : k.get("network.natGateways"))
                        .when(k -> k.is("network.vpc", "new"), "network.vpc: new")
                        .option("--env-nat", env + "=MODE")
                        .build());
    }

    /**
     * A new environment that is not production gets the cheaper defaults (one task, no NAT
     * gateway, its own host); one the edited file already has inherits the body, so opening and
     * saving changes nothing.
     */
    private static boolean smaller(String env, AnswersSoFar k) {
        return !env.matches("prod|production|prd|live") && !inFile(k).contains(env);
    }

    private static boolean first(String env, AnswersSoFar k) {
        List<String> names = names(k);
        return !names.isEmpty() && names.get(0).equals(env);
    }

    /** The environments the edited file had when it was opened. */
    static List<String> inFile(AnswersSoFar k) {
        String s = draft(k) == null ? null : draft(k).shape(IN_FILE);
        return s == null ? List.of() : AnswerText.list(s);
    }

    static final String IN_FILE = "environments.inFile";

    private static SpecDraft draft(AnswersSoFar k) { return k instanceof WizardFlow f ? f.draft() : null; }

    private static String presetInTree(SpecDraft d) {
        if (d == null || !(d.value(SECTION) instanceof Map<?, ?> m) || m.isEmpty()) return NONE;
        return m.keySet().stream().map(String::valueOf).toList().equals(PRESET_NAMES) ? STAGING_PRODUCTION : CUSTOM;
    }

    static boolean hasDomain(AnswersSoFar k) {
        return k.is("loadBalancer", "yes") && (k.is("certificate", "new") || k.is("dns", "yes"));
    }

    /** The body's host: the DNS record when there is one, else the certificate's domain. */
    static String bodyDomainId(AnswersSoFar k) { return k.is("dns", "yes") ? "dns.record" : "certificate.domain"; }

    private static String namesProblem(List<String> names, AnswersSoFar k) {
        if (names.isEmpty()) return "name at least one environment, e.g. production, staging";
        if (new LinkedHashSet<>(names).size() != names.size()) return "each environment's name must be different, got " + String.join(", ", names);
        String app = k.get("app");
        for (int i = 0; i < names.size(); i++) {
            Rules.Problem p = Environment.checkName(names.get(i));
            if (p != null) return p.message() + " (" + p.fix() + ")";
            String aws = app + "-" + names.get(i);
            if (i > 0 && app != null && Rules.appName(app) == null && aws.length() > Rules.APP_LENGTH.max()) {
                return names.get(i) + "'s AWS names start with " + aws + " (" + aws.length() + " characters); at most "
                        + Rules.APP_LENGTH.max() + " (shorten the environment's name or the app's)";
            }
        }
        return null;
    }

    private static String account(String v) {
        if (v == null || v.isBlank()) return null;
        String t = v.strip();
        if (t.matches("[0-9]+") && t.length() != 12) return "an AWS account id has 12 digits, got " + t.length() + " (or give a profile name)";
        if (t.chars().anyMatch(Character::isWhitespace)) return "expected a profile name or a 12-digit account id, got '" + t + "'";
        return null;
    }

    private static String count(String v, AnswersSoFar k) {
        String e = Checks.intRange(v, Rules.DESIRED_COUNT, "tasks");
        if (e != null) return e;
        String auto = k.get("service.autoscaling");
        if (auto != null && auto.matches("[0-9]+:[0-9]+:[0-9]+")) {
            String[] p = auto.split(":");
            int n = Integer.parseInt(v.strip()), min = Integer.parseInt(p[0]), max = Integer.parseInt(p[1]);
            if (n < min || n > max) return "with autoscaling " + auto + " the count must be " + min + "–" + max + ", got " + n;
        }
        return null;
    }

    private static String domain(String env, String v, AnswersSoFar k) {
        String e = Checks.domain(v);
        if (e != null) return e;
        if (k.is("dns", "yes")) {
            String zone = k.get("dns.zone");
            Rules.Problem p = zone == null ? null : Rules.recordInZone(v, zone);
            if (p != null) return p.message() + " (" + p.fix() + ")";
        }
        String account = k.get(id(env, ACCOUNT));
        for (String other : names(k)) {
            if (other.equals(env)) break;
            if (java.util.Objects.equals(blankToNull(account), blankToNull(k.get(id(other, ACCOUNT)))) && v.equalsIgnoreCase(k.get(id(other, DOMAIN)))) {
                return env + " and " + other + " are in the same account and both want " + v + "; give " + env + " its own, e.g. " + env + "." + v;
            }
        }
        return null;
    }

    static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.strip(); }
}
