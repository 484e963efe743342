package dev.gantry.wizard;

import dev.gantry.spec.Spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The wizard as a state machine, with no UI: the answers so far, the current screen, next / back /
 * jump, and the {@link Spec} they build. The lanterna screens, the line prompts and the flags all
 * drive this one object, so they ask the same things in the same order with the same rules.
 */
public final class WizardFlow implements AnswersSoFar {
    private final SpecDraft draft;
    private final Map<String, char[]> secretValues = new TreeMap<>();
    private final LookupResults facts;
    private final Set<String> resolving = new HashSet<>();
    private WizardScreen current = WizardScreen.WELCOME;
    /** An edit of an existing file (else a new one): only a new file's walk ends in "Add another service?". */
    private boolean editingFile;
    /** The service just added, whose own questions (and only those) the screens walk through; null otherwise. */
    private String walking;
    /** The walk reached Review after a service was described: ask "Add another service?" before showing it. */
    private boolean offeringAnother;

    public WizardFlow(LookupResults facts) { this(facts, SpecDraft.empty()); }

    private WizardFlow(LookupResults facts, SpecDraft draft) {
        this.facts = facts;
        this.draft = draft;
    }

    /** Edit mode: every answer of an existing file pre-filled; answers equal to their default stay live defaults. */
    public static WizardFlow editing(LookupResults facts, SpecDraft fromFile) {
        WizardFlow flow = new WizardFlow(facts, fromFile);
        flow.editingFile = true;
        fromFile.eachService(() -> liveDefaults(flow, fromFile));
        flow.focusPrimary();
        return flow;
    }

    /** The file's answers that equal their defaults become live defaults (for one service, in version 2). */
    private static void liveDefaults(WizardFlow flow, SpecDraft fromFile) {
        Map<String, String> inFile = new LinkedHashMap<>();
        for (Question q : Questions.all()) {
            String mine = q.spec().read(fromFile);
            if (mine != null) inFile.put(q.id(), mine);
        }
        // An answer that equals what its default would be (record = domain, cluster = app) keeps
        // following its inputs, so changing the domain later moves the record with it.
        for (Question q : Questions.all()) {
            // A service's being public is its public section itself (version 2), never a live default:
            // cleared, it would read as "no" and take the section's keys with it.
            if (flow.servicesVersion() && q.id().equals("loadBalancer")) continue;
            String mine = q.spec().read(flow.draft);
            q.spec().clear(flow.draft);
            // A record gantry manages stays managed: dns's default follows the certificate's domain,
            // and an edit of the certificate must not turn it off (a "no" still follows a zone given).
            boolean keepsDns = q.id().equals("dns") && "yes".equals(mine);
            // Another service's port was picked apart from the others' (addService): it never follows a default onto theirs.
            boolean keepsPort = q.id().equals("task.port") && flow.service() != null && !flow.service().equals(flow.get("app"));
            if (mine != null && (keepsDns || keepsPort || !mine.equals(q.defaultValue(flow)))) q.spec().write(flow.draft, mine);
        }
        // Dropping one answer can move another's default (dns follows dns.zone): put back, until
        // stable, every answer whose effective value no longer matches the file.
        for (int round = 0; round < Questions.all().size(); round++) {
            boolean changed = false;
            for (Question q : Questions.all()) {
                String mine = inFile.get(q.id());
                if (mine != null && !flow.given(q.id()) && !mine.equals(flow.get(q.id()))) {
                    q.spec().write(flow.draft, mine);
                    changed = true;
                }
            }
            if (!changed) break;
        }
    }

    // --- several services (version 2): the per-service questions are asked about the focused one ---

    /** True when the spec holds several services (version 2). */
    public boolean servicesVersion() { return draft.servicesVersion(); }

    /** The services' names in order; a version-1 spec's one service is named after the app. */
    public List<String> services() { return servicesVersion() ? draft.serviceNames() : List.of(get("app")); }

    /** The service the task, service and load-balancer questions are about now. */
    public String focusedService() { return servicesVersion() ? draft.focus() : get("app"); }

    /** Asks the per-service questions about this service from now on. */
    public void focus(String service) {
        if (!services().contains(service)) throw new IllegalArgumentException("no service " + service);
        if (servicesVersion()) draft.focus(service);
    }

    private void focusPrimary() {
        if (!servicesVersion() || draft.serviceNames().isEmpty()) return;
        String first = null;
        for (String name : draft.serviceNames()) {
            draft.focus(name);
            if (first == null) first = name;
            if (is("loadBalancer", "yes")) return;
        }
        draft.focus(first);
    }

    /** True for a question asked once per service (task, service, public): the others are the app's, shared. */
    public static boolean perService(Question q) {
        String id = q.id();
        if (id.equals("loadBalancer") || id.equals("internal") || id.startsWith("task.") || id.startsWith("service.") || id.startsWith("public.")) return true;
        return id.startsWith("loadBalancer.") && SpecDraft.PER_SERVICE_LB.contains(id.substring("loadBalancer.".length()));
    }

    /** What a service is: web (public), internal or worker. */
    public enum ServiceKind {
        WEB, INTERNAL, WORKER;

        public String yaml() { return name().toLowerCase(java.util.Locale.ROOT); }

        public static java.util.Optional<ServiceKind> parse(String s) {
            return Arrays.stream(values()).filter(k -> k.yaml().equals(s)).findFirst();
        }
    }

    /** How many of the services are public (reached through the load balancer); version 1's one is with a load balancer. */
    public int publicServiceCount() {
        if (!servicesVersion()) return is("loadBalancer", "yes") ? 1 : 0;
        return (int) draft.serviceNames().stream().filter(draft::isPublic).count();
    }

    /** The kind of the focused service. */
    public ServiceKind kind() {
        if (is("loadBalancer", "yes")) return ServiceKind.WEB;
        return servicesVersion() && is("internal", "true") ? ServiceKind.INTERNAL : ServiceKind.WORKER;
    }

    /** Why a new service may not have this name, in the spec's words; null when it may. */
    public String serviceNameError(String name) {
        String app = get("app");
        if (name == null || name.isBlank()) return "a service needs a name, e.g. api or worker";
        if (!name.matches("[a-z][a-z0-9-]*") || name.endsWith("-")) {
            return "a service's name is lowercase letters, digits and -, starting with a letter and not ending in - (it is the host other services call), got " + name;
        }
        if (name.length() > 32) return "a service's name is at most 32 characters, got " + name.length();
        if (services().contains(name)) return "the app already has a service named " + name;
        // The longest AWS name a service prefixes: its IAM role APP-NAME-execution, 64 characters at most.
        String role = app + "-" + name + "-execution";
        if (!name.equals(app) && role.length() > 64) {
            return "the service's execution role " + role + " would be " + role.length() + " characters, past IAM's 64; use a name of at most "
                    + (64 - app.length() - "--execution".length()) + " characters";
        }
        return null;
    }

    /**
     * Adds a service and focuses it. A version-1 spec becomes version 2 first, exactly as
     * {@code gantry migrate} writes it (its one service named after the app), so the running
     * stack keeps its names. Returns the name's error, or null.
     */
    public String addService(String name, ServiceKind kind) {
        String e = serviceNameError(name);
        if (e != null) return e;
        if (!servicesVersion()) {
            boolean isPublic = is("loadBalancer", "yes");
            draft.toServicesVersion(get("app"), isPublic, isPublic && is("dns", "yes") ? get("dns.record") : null);
        }
        draft.addService(name);
        draft.focus(name);
        set("loadBalancer", kind == ServiceKind.WEB ? "yes" : "no");
        if (kind == ServiceKind.INTERNAL) set("internal", "true");
        // Each service listens on its own port (they share one security group): the one its own folder's
        // Dockerfile EXPOSEs (./api/Dockerfile, built by default), else the first free from 8080.
        if (kind != ServiceKind.WORKER) set("task.port", String.valueOf(freePort(name, facts.dockerfileFolder(name).map(LookupResults.DockerfileFolder::exposedPort).orElse(null))));
        offeringAnother = false;
        return null;
    }

    /** The port wanted when no other service listens on it, else the first from 8080 that none does. */
    private int freePort(String except, Integer wanted) {
        Set<String> used = new HashSet<>();
        String was = draft.focus();
        draft.eachService(() -> { if (!except.equals(draft.focus())) used.add(get("task.port")); });
        draft.focus(was);
        if (wanted != null && !used.contains(String.valueOf(wanted))) return wanted;
        int port = 8080;
        while (used.contains(String.valueOf(port))) port++;
        return port;
    }

    /** Removes a service (never the last one); the focus moves to the primary service. */
    public void removeService(String name) {
        if (!servicesVersion() || !services().contains(name)) throw new IllegalArgumentException("no service " + name);
        if (services().size() == 1) throw new IllegalArgumentException("an app keeps at least one service");
        draft.removeService(name);
        focusPrimary();
    }

    @Override public LookupResults facts() { return facts; }

    @Override public String service() { return servicesVersion() ? draft.focus() : null; }

    /** The spec as answered so far, with what the edited file holds that no question asks. */
    SpecDraft draft() { return draft; }

    @Override public boolean given(String id) {
        return Questions.byId(id).map(q -> q.spec().read(draft) != null).orElseGet(() -> draft.value(id) != null);
    }

    /** A question's answer (typed, else its default); for a spec path no question asks, the file's value as text. */
    @Override public String get(String id) {
        var q = Questions.byId(id);
        if (q.isEmpty()) return draft.text(id);
        if (sharedElsewhere(q.get())) return asPrimary(() -> get(id));
        String v = q.get().spec().read(draft);
        if (v != null) return v;
        if (!resolving.add(id)) return null;
        try {
            return q.get().defaultValue(this);
        } finally {
            resolving.remove(id);
        }
    }

    /** Records an answer (even an invalid one, so the screen keeps what was typed) and returns its error or null. */
    public String set(String id, String value) {
        String v = value == null ? "" : normalise(id, value);
        var q = Questions.byId(id);
        if (q.isEmpty()) {
            draft.put(id, v);
            return null;
        }
        q.get().spec().write(draft, v);
        return q.get().error(v, this);
    }

    /** Forgets an answer so its default applies again. */
    public void reset(String id) { Questions.byId(id).ifPresentOrElse(q -> q.spec().clear(draft), () -> draft.remove(id)); }

    private static String normalise(String id, String value) {
        return Questions.byId(id).map(q -> q.kind() == Kind.PAIRS ? value.strip() : value.trim()).orElse(value);
    }

    /** The answers given explicitly, for drafts and tests. */
    public Map<String, String> givenAnswers() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Question q : Questions.all()) {
            String v = q.spec().read(draft);
            if (v != null) out.put(q.id(), v);
        }
        return out;
    }

    public WizardScreen current() { return current; }

    /** The questions of a screen that apply to the answers so far (CIDR only for a new VPC, …). */
    public List<Question> questions(WizardScreen s) {
        // A service being added is asked only what differs per service: the app's shared answers stand.
        return applicable(s).stream().filter(q -> walking == null || perService(q)).toList();
    }

    /** Every question of a screen that applies, whatever is being walked: what has to be valid. */
    private List<Question> applicable(WizardScreen s) {
        List<Question> out = new ArrayList<>(Questions.all().stream()
                .filter(q -> q.section() == s && applies(q) && !EnvironmentQuestions.isTemplate(q)).toList());
        if (s == WizardScreen.ENVIRONMENTS) {
            for (String env : EnvironmentQuestions.names(this)) EnvironmentQuestions.of(env).stream().filter(q -> q.applies(this)).forEach(out::add);
        }
        return out;
    }

    public String error(Question q) { return sharedElsewhere(q) ? asPrimary(() -> error(q)) : q.error(get(q.id()), this); }

    public String warning(Question q) { return sharedElsewhere(q) ? asPrimary(() -> warning(q)) : q.warning(get(q.id()), this); }

    /** Whether a question applies now; the app's shared ones as for the primary service. */
    boolean applies(Question q) { return sharedElsewhere(q) ? asPrimary(() -> applies(q)) : q.applies(this); }

    /**
     * True for a question about what the services share (certificate, DNS, the load balancer's
     * settings) while another service than the primary one is focused: it is read, checked and
     * shown as for the primary (the first public) service, as {@link SpecAssembler} builds it,
     * so a worker's focus does not hide the certificate.
     */
    private boolean sharedElsewhere(Question q) {
        if (!servicesVersion() || perService(q) || draft.focus() == null) return false;
        String primary = primaryName();
        return primary != null && !primary.equals(draft.focus());
    }

    private <T> T asPrimary(java.util.function.Supplier<T> read) {
        String was = draft.focus();
        draft.focus(primaryName());
        try {
            return read.get();
        } finally {
            draft.focus(was);
        }
    }

    /** The first public service, else the first one (version 2). */
    private String primaryName() {
        String was = draft.focus();
        try {
            for (String name : draft.serviceNames()) {
                draft.focus(name);
                if (is("loadBalancer", "yes")) return name;
            }
            return draft.serviceNames().isEmpty() ? null : draft.serviceNames().get(0);
        } finally {
            draft.focus(was);
        }
    }

    public List<String> errors(WizardScreen s) {
        List<String> out = new ArrayList<>();
        for (Question q : questions(s)) {
            String e = error(q);
            if (e != null) out.add(e);
        }
        return out;
    }

    /** Every problem on every screen, in screen order. */
    public List<String> errors() {
        List<String> out = new ArrayList<>();
        String was = draft.focus();
        draft.eachService(() -> {
            for (WizardScreen s : WizardScreen.values()) {
                for (Question q : applicable(s)) {
                    String e = error(q);
                    // In version 2 a service's answer is named by its place: services.api.task.port.
                    if (e != null && servicesVersion() && perService(q)) e = "services." + draft.focus() + "." + e;
                    if (e != null && !out.contains(e)) out.add(e);
                }
            }
        });
        draft.focus(was);
        if (out.isEmpty() && servicesVersion()) out.addAll(acrossServices());
        return out;
    }

    /**
     * The rules that span services (a route in two services, two catch-alls, a shared secret with
     * two parameters, the AWS names' limits): the spec loader's own, on the spec as written.
     */
    private List<String> acrossServices() {
        try {
            // Named in the spec's folder: a service's build context is relative to it, as the file's own check reads it.
            String name = facts().specFolder() == null ? "gantry.yaml" : java.nio.file.Path.of(facts().specFolder(), "gantry.yaml").toString();
            dev.gantry.spec.yaml.SpecLoader.load(name, dev.gantry.spec.yaml.SpecWriter.write(SpecAssembler.build(this)));
            return List.of();
        } catch (dev.gantry.spec.SpecException e) {
            return e.diagnostics().stream().filter(d -> d.severity() == dev.gantry.spec.Diagnostic.Severity.ERROR)
                    .map(d -> d.field() + ": " + d.message()).toList();
        } catch (RuntimeException e) {
            return List.of(String.valueOf(e.getMessage()));
        }
    }

    /** Moves on when this screen is valid; returns the errors that keep it here. */
    public List<String> next() {
        List<String> errs = errors(current);
        if (!errs.isEmpty() || current == WizardScreen.REVIEW) return errs;
        WizardScreen was = current;
        current = WizardScreen.values()[current.ordinal() + 1];
        // A service's walk skips the screens that ask nothing about it, and ends at Review.
        while (walking != null && current != WizardScreen.REVIEW && questions(current).isEmpty()) {
            current = WizardScreen.values()[current.ordinal() + 1];
        }
        if (current == WizardScreen.REVIEW && was != WizardScreen.REVIEW && (walking != null || !editingFile)) {
            walking = null;
            offeringAnother = true;
        }
        return errs;
    }

    public void back() {
        if (isFirst()) return;
        current = WizardScreen.values()[current.ordinal() - 1];
        while (walking != null && current != WizardScreen.WELCOME && questions(current).isEmpty()) {
            current = WizardScreen.values()[current.ordinal() - 1];
        }
    }

    /** Goes to a screen; a service's walk ends there (every question shows again). */
    public void jump(WizardScreen s) {
        current = s;
        walking = null;
        offeringAnother = false;
    }

    /**
     * After {@link #addService}: walks the new service's own questions, screen by screen, from
     * the first screen that has one (its image and port); the app's shared answers are not asked again.
     */
    public void walkAddedService() {
        jump(WizardScreen.APP);
        walking = focusedService();
        while (current != WizardScreen.REVIEW && questions(current).isEmpty()) current = WizardScreen.values()[current.ordinal() + 1];
    }

    /** The service whose own questions are being walked (just added), or null. */
    public String walkingService() { return walking; }

    /**
     * True when a service has just been described (a new file's first walk, or an added service's)
     * and Review is next: the wizard asks "Add another service?" first.
     */
    public boolean offersAnotherService() { return offeringAnother && current == WizardScreen.REVIEW; }

    /** "Add another service?" answered (no, or a service was added): not asked again until the next walk ends. */
    public void anotherServiceAnswered() { offeringAnother = false; }

    public boolean isFirst() {
        if (walking != null) {
            for (WizardScreen s : WizardScreen.values()) if (!questions(s).isEmpty()) return s == current;
        }
        return current == WizardScreen.WELCOME;
    }

    public boolean isLast() { return current == WizardScreen.REVIEW; }

    /** Sets every answer a flag carries; returns "--flag VALUE: field: message" for the first invalid one. */
    public List<String> applyFlags(Map<String, List<String>> flags) {
        return FlagAnswers.apply(this, flags);
    }

    /** The spec the answers describe. Throws when a screen still has an error. */
    public Spec build() {
        List<String> errs = errors();
        if (!errs.isEmpty()) throw new IllegalStateException(String.join("\n", errs));
        return SpecAssembler.build(this);
    }

    /**
     * The spec as it would be without one service (what removing it would leave), or null while
     * something is still invalid; the draft is left as it was.
     */
    public Spec tryBuildWithout(String service) {
        if (!servicesVersion() || !services().contains(service) || services().size() < 2) return null;
        String was = draft.focus();
        Object removed = draft.detachService(service);
        try {
            return tryBuild();
        } finally {
            draft.attachService(service, removed);
            draft.focus(was);
        }
    }

    /** The spec as far as it can be built now (for cost hints and review); null while something is still invalid. */
    public Spec tryBuild() {
        try {
            return SpecAssembler.build(this);
        } catch (RuntimeException e) {
            return null;
        }
    }

    // --- secret values: typed masked, kept in memory only, never written ---

    public void secretValue(String name, char[] value) {
        char[] old = secretValues.put(name, value);
        if (old != null) Arrays.fill(old, '\0');
    }

    public Map<String, char[]> secretValues() { return Map.copyOf(secretValues); }

    /** The managed secrets (parameter path, not an ARN) whose value can be typed now. */
    public List<String> managedSecretNames() {
        List<String> out = new ArrayList<>();
        AnswerText.pairs(get("task.secrets")).forEach((n, p) -> { if (p != null && !p.startsWith("arn:")) out.add(n); });
        return out;
    }

    /** Wipes typed secret values once they are handed over or no longer needed. */
    public void forgetSecrets() {
        secretValues.values().forEach(v -> Arrays.fill(v, '\0'));
        secretValues.clear();
    }
}
