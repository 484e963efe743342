package dev.gantry.wizard;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One question, declared once with everything every UI needs: the lanterna screens, the line
 * prompts and the flags all read this, so they cannot disagree. {@code id} is the spec path the
 * answer lands in (task.port); validators return the spec's own message, or null when valid.
 */
public final class Question {
    private final String id;
    private final WizardScreen section;
    private final Kind kind;
    private final String field;
    private final String title;
    private final Function<AnswersSoFar, String> explanation;
    private final Function<AnswersSoFar, String> defaultValue;
    private final Function<AnswersSoFar, List<Choice>> choices;
    private final BiFunction<String, AnswersSoFar, String> validator;
    private final BiFunction<String, AnswersSoFar, String> warning;
    private final Predicate<AnswersSoFar> applies;
    private final String needs;
    private final List<Flag> flags;
    private final SpecField<?> spec;
    private final Function<Map<String, String>, FlagReading> flagReader;
    private final Function<AnswersSoFar, Lookup<List<Choice>>> suggestions;

    private Question(Builder b) {
        this.id = b.id;
        this.section = b.section;
        this.kind = b.kind;
        this.field = b.field == null ? b.id : b.field;
        this.title = Objects.requireNonNull(b.title, "title");
        this.explanation = Objects.requireNonNull(b.explanation, "explanation");
        this.defaultValue = b.defaultValue;
        this.choices = b.choices;
        this.validator = b.validator;
        this.warning = b.warning;
        this.applies = b.applies;
        this.needs = b.needs;
        this.flags = List.copyOf(b.flags);
        this.spec = b.spec;
        this.flagReader = b.flagReader;
        this.suggestions = b.suggestions;
    }

    public String id() { return id; }
    public WizardScreen section() { return section; }
    public Kind kind() { return kind; }
    /** The spec field named in messages ("task.memory" for the size question). */
    public String field() { return field; }
    public String title() { return title; }
    /** The explanation as a new wizard shows it, before any answer (see {@link #fullExplanation} for the answers so far). */
    public String explanation() { return explanation.apply(new WizardFlow(LookupResults.offline())); }
    /** The flags' names (--nat, or --rollback and --no-rollback). */
    public List<String> flags() { return flags.stream().map(Flag::name).toList(); }
    /** The flags that answer it, with what {@code gantry init --help} says of each. */
    public List<Flag> options() { return flags; }
    /** Where the answer lives in the spec: the one accessor that reads it from and writes it to a draft. */
    public SpecField<?> spec() { return spec; }

    /**
     * The answer several flags give together (--cpu and --memory make one size), from the last
     * value of each flag given; null when each flag answers on its own.
     */
    FlagReading readFlags(Map<String, String> given) { return flagReader == null ? null : flagReader.apply(given); }

    boolean readsFlagsTogether() { return flagReader != null; }

    /** What flags read together answer, or the error that names them ("--cpu 3: task.cpu: …"). */
    public record FlagReading(String answer, String error) {
        public static FlagReading answer(String a) { return new FlagReading(a, null); }
        public static FlagReading error(String e) { return new FlagReading(null, e); }
    }
    public boolean applies(AnswersSoFar k) { return applies.test(k); }
    /** When the question applies, in words ("network.vpc: new"); null when always. */
    public String needs() { return needs; }
    public String defaultValue(AnswersSoFar k) { return defaultValue.apply(k); }

    /** The closed set of valid answers, or empty for free text. */
    public List<Choice> choices(AnswersSoFar k) { return choices == null ? List.of() : choices.apply(k); }

    /** Live look-up results the person may pick from instead of typing; empty when not a look-up question. */
    public Lookup<List<Choice>> suggestions(AnswersSoFar k) {
        return suggestions == null ? Lookup.found(List.of()) : suggestions.apply(k);
    }

    public boolean hasSuggestions() { return suggestions != null; }

    /** An answer as a person reads it: a choice's label ("off", not "false"), lists on one line. */
    public String shown(String value, AnswersSoFar k) {
        if (value == null) return "";
        return choices(k).stream().filter(c -> c.value().equals(value)).map(Choice::label).findFirst()
                .orElse(value.replace("\n", ", "));
    }

    /** Null when valid; else "field: message" in the spec's words. */
    public String error(String value, AnswersSoFar k) {
        String v = value == null ? "" : value;
        if (kind == Kind.CHOICE) {
            List<Choice> cs = choices(k);
            if (cs.stream().noneMatch(c -> c.value().equals(v))) {
                // A validator that knows the near misses ("did you mean eu-west-1?") says it better than the list.
                String why = validator == null ? null : validator.apply(v, k);
                return field + ": " + (why != null ? why : "must be one of " + String.join(", ", cs.stream().map(Choice::value).toList()));
            }
        }
        String msg = validator == null ? null : validator.apply(v, k);
        return msg == null ? null : field + ": " + msg;
    }

    /** A valid answer that is probably a mistake; null when none. */
    public String warning(String value, AnswersSoFar k) {
        String msg = warning == null ? null : warning.apply(value == null ? "" : value, k);
        return msg == null ? null : field + ": " + msg;
    }

    /** Explanation plus what each option means: the text of the help pane and of "?" in line mode. */
    public String fullExplanation(AnswersSoFar k) {
        StringBuilder sb = new StringBuilder(explanation.apply(k));
        for (Choice c : choices(k)) {
            if (c.meaning() != null && !c.meaning().isBlank()) sb.append("\n• ").append(c.label()).append(": ").append(c.meaning());
        }
        return sb.toString();
    }

    @Override public String toString() { return id; }

    public static Builder in(WizardScreen s, SpecField<?> spec, Kind kind) { return new Builder(s, spec, kind); }

    /**
     * A flag of {@code gantry init}: {@code label} names its value (PORT), null for a switch whose
     * presence gives {@code answer} (--no-dns gives "no"); {@code help} is null when the question's
     * title (and default) says it; {@code repeatable} collects every occurrence (--env A=1 --env B=2);
     * {@code implies} is a switch this flag gives too (--dockerfile builds: --build), or null.
     */
    public record Flag(String name, String label, String answer, String help, boolean repeatable, String implies) {
        public boolean isSwitch() { return label == null; }
    }

    public static final class Builder {
        private final WizardScreen section;
        private final String id;
        private final SpecField<?> spec;
        private final Kind kind;
        private String field;
        private String title;
        private Function<AnswersSoFar, String> explanation;
        private Function<AnswersSoFar, String> defaultValue = k -> null;
        private Function<AnswersSoFar, List<Choice>> choices;
        private BiFunction<String, AnswersSoFar, String> validator;
        private BiFunction<String, AnswersSoFar, String> warning;
        private Predicate<AnswersSoFar> applies = k -> true;
        private String needs;
        private final List<Flag> flags = new java.util.ArrayList<>();
        private Function<Map<String, String>, FlagReading> flagReader;
        private Function<AnswersSoFar, Lookup<List<Choice>>> suggestions;

        private Builder(WizardScreen s, SpecField<?> spec, Kind kind) { this.section = s; this.spec = spec; this.id = spec.id(); this.kind = kind; }

        public Builder field(String f) { this.field = f; return this; }
        public Builder title(String t) { this.title = t; return this; }
        public Builder explain(String e) { this.explanation = k -> e; return this; }
        /** An explanation that names what the answers so far make true (another service's folder and repository). */
        public Builder explain(Function<AnswersSoFar, String> e) { this.explanation = e; return this; }
        public Builder defaults(Function<AnswersSoFar, String> d) { this.defaultValue = d; return this; }
        public Builder defaults(String d) { this.defaultValue = k -> d; return this; }
        public Builder choices(Function<AnswersSoFar, List<Choice>> c) { this.choices = c; return this; }
        public Builder choices(List<Choice> c) { this.choices = k -> c; return this; }
        public Builder validate(BiFunction<String, AnswersSoFar, String> v) { this.validator = v; return this; }
        public Builder validate(Function<String, String> v) { this.validator = (s, k) -> v.apply(s); return this; }
        public Builder warn(BiFunction<String, AnswersSoFar, String> w) { this.warning = w; return this; }
        public Builder when(Predicate<AnswersSoFar> p, String needs) { this.applies = p; this.needs = needs; return this; }
        /** A flag taking a value named {@code label}; its help is the question's title and default. */
        public Builder option(String name, String label) { return option(name, label, null); }
        public Builder option(String name, String label, String help) { flags.add(new Flag(name, label, null, help, false, null)); return this; }
        /** The last flag declared also gives the switch {@code other} (unless that is given itself). */
        public Builder implying(String other) {
            Flag f = flags.remove(flags.size() - 1);
            flags.add(new Flag(f.name(), f.label(), f.answer(), f.help(), f.repeatable(), other));
            return this;
        }
        /** Reads this question's flags together, from the last value of each given, into one answer. */
        public Builder readFlags(Function<Map<String, String>, FlagReading> r) { this.flagReader = r; return this; }
        /** A flag that may be given several times; each value is one more item. */
        public Builder repeatable(String name, String label, String help) { flags.add(new Flag(name, label, null, help, true, null)); return this; }
        /** A flag without a value whose presence is the answer {@code answer}. */
        public Builder toggle(String name, String answer, String help) { flags.add(new Flag(name, null, answer, help, false, null)); return this; }
        public Builder suggest(Function<AnswersSoFar, Lookup<List<Choice>>> s) { this.suggestions = s; return this; }

        public Question build() {
            if (kind == Kind.CHOICE && choices == null) throw new IllegalStateException(id + ": a choice question needs choices");
            return new Question(this);
        }
    }
}
