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

    public WizardFlow(LookupResults facts) { this(facts, SpecDraft.empty()); }

    private WizardFlow(LookupResults facts, SpecDraft draft) {
        this.facts = facts;
        this.draft = draft;
    }

    /** Edit mode: every answer of an existing file pre-filled; answers equal to their default stay live defaults. */
    public static WizardFlow editing(LookupResults facts, SpecDraft fromFile) {
        WizardFlow flow = new WizardFlow(facts, fromFile);
        Map<String, String> inFile = new LinkedHashMap<>();
        for (Question q : Questions.all()) {
            String mine = q.spec().read(fromFile);
            if (mine != null) inFile.put(q.id(), mine);
        }
        // An answer that equals what its default would be (record = domain, cluster = app) keeps
        // following its inputs, so changing the domain later moves the record with it.
        for (Question q : Questions.all()) {
            String mine = q.spec().read(flow.draft);
            q.spec().clear(flow.draft);
            // A record gantry manages stays managed: dns's default follows the certificate's domain,
            // and an edit of the certificate must not turn it off (a "no" still follows a zone given).
            boolean keepsDns = q.id().equals("dns") && "yes".equals(mine);
            if (mine != null && (keepsDns || !mine.equals(q.defaultValue(flow)))) q.spec().write(flow.draft, mine);
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
        return flow;
    }

    @Override public LookupResults facts() { return facts; }

    /** The spec as answered so far, with what the edited file holds that no question asks. */
    SpecDraft draft() { return draft; }

    @Override public boolean given(String id) {
        return Questions.byId(id).map(q -> q.spec().read(draft) != null).orElseGet(() -> draft.value(id) != null);
    }

    /** A question's answer (typed, else its default); for a spec path no question asks, the file's value as text. */
    @Override public String get(String id) {
        var q = Questions.byId(id);
        if (q.isEmpty()) return draft.text(id);
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
        List<Question> out = new ArrayList<>(Questions.all().stream()
                .filter(q -> q.section() == s && q.applies(this) && !EnvironmentQuestions.isTemplate(q)).toList());
        if (s == WizardScreen.ENVIRONMENTS) {
            for (String env : EnvironmentQuestions.names(this)) EnvironmentQuestions.of(env).stream().filter(q -> q.applies(this)).forEach(out::add);
        }
        return out;
    }

    public String error(Question q) { return q.error(get(q.id()), this); }

    public String warning(Question q) { return q.warning(get(q.id()), this); }

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
        for (WizardScreen s : WizardScreen.values()) out.addAll(errors(s));
        return out;
    }

    /** Moves on when this screen is valid; returns the errors that keep it here. */
    public List<String> next() {
        List<String> errs = errors(current);
        if (errs.isEmpty() && current != WizardScreen.REVIEW) current = WizardScreen.values()[current.ordinal() + 1];
        return errs;
    }

    public void back() {
        if (current != WizardScreen.WELCOME) current = WizardScreen.values()[current.ordinal() - 1];
    }

    public void jump(WizardScreen s) { current = s; }

    public boolean isFirst() { return current == WizardScreen.WELCOME; }

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
