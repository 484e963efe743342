package dev.gantry.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command-line flags → answers, through the same questions and validators as the screens, so a
 * scripted {@code gantry init} and an interactive one produce the same spec.
 */
final class FlagAnswers {
    private FlagAnswers() {}

    static List<String> apply(WizardFlow flow, Map<String, List<String>> asGiven) {
        List<String> errors = new ArrayList<>();
        Map<String, List<String>> flags = withImplied(asGiven);
        // Flags read together (--cpu and --memory make one size) answer first, as their question says.
        for (Question q : Questions.all()) {
            if (!q.readsFlagsTogether()) continue;
            Map<String, String> mine = new java.util.LinkedHashMap<>();
            q.flags().forEach(f -> { if (flags.get(f) != null && !flags.get(f).isEmpty()) mine.put(f, last(flags.get(f))); });
            if (mine.isEmpty()) continue;
            Question.FlagReading r = q.readFlags(mine);
            if (r.error() != null) errors.add(r.error());
            else flow.set(q.id(), r.answer());
        }
        // Set everything first, then check: --max-percent is judged against --min-healthy whatever their order.
        Map<Question, String> given = new java.util.LinkedHashMap<>();
        Map<Question, String> opposites = new java.util.HashMap<>();
        for (Map.Entry<String, List<String>> f : flags.entrySet()) {
            String flag = f.getKey();
            if (f.getValue() == null || f.getValue().isEmpty()) continue;
            Question q = Questions.byFlag(flag).orElseThrow(() -> new IllegalArgumentException("no question for " + flag));
            if (q.readsFlagsTogether()) continue;
            String value;
            String switched = Questions.switchAnswer(flag);
            if (switched != null) {
                String other = opposites.put(q, flag);
                if (other != null) {
                    errors.add(other + " and " + flag + " say opposite things; give one of them");
                    continue;
                }
                value = switched;
            }
            else if (q.kind() == Kind.PAIRS) value = String.join("\n", f.getValue());
            else if (q.kind() == Kind.LIST) value = AnswerText.joinList(f.getValue().stream().flatMap(v -> AnswerText.list(v).stream()).toList());
            else value = last(f.getValue());
            flow.set(q.id(), value);
            given.put(q, flag + (switched != null ? "" : " " + shown(f.getValue())));
        }
        given.forEach((q, shown) -> {
            String e = flow.error(q);
            if (e != null) errors.add(shown + ": " + e);
            // --domain also names the DNS record when the certificate is given by ARN, so it is never "unused".
            else if (!flow.applies(q) && !q.id().equals("certificate.domain")) {
                errors.add(shown + ": " + q.field() + ": applies only with " + q.needs() + "; drop the flag or change the answer it depends on");
            }
        });
        return errors;
    }

    /**
     * Adds the switch a given flag implies (--dockerfile: --build) unless it is given, just before
     * the first flag of that switch's question or the implying flag, so that a contradiction is
     * reported in the order the questions are asked ("--build and --no-build say opposite things").
     */
    private static Map<String, List<String>> withImplied(Map<String, List<String>> flags) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>(flags);
        for (Question q : Questions.all()) {
            for (Question.Flag f : q.options()) {
                if (f.implies() == null || !out.containsKey(f.name()) || out.containsKey(f.implies())) continue;
                Question target = Questions.byFlag(f.implies()).orElseThrow();
                Map<String, List<String>> ordered = new java.util.LinkedHashMap<>();
                out.forEach((flag, v) -> {
                    if (flag.equals(f.name()) || target.flags().contains(flag)) ordered.putIfAbsent(f.implies(), List.of("true"));
                    ordered.put(flag, v);
                });
                out = ordered;
            }
        }
        return out;
    }

    private static String last(List<String> values) { return values == null || values.isEmpty() ? null : values.get(values.size() - 1); }

    private static String shown(List<String> values) { return String.join(" ", values); }
}
