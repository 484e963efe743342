package dev.gantry.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every question in screen order. */
public final class Questions {
    private Questions() {}

    private static final List<Question> ALL;

    static {
        List<Question> all = new ArrayList<>();
        all.addAll(AppQuestions.all());
        all.addAll(NetworkQuestions.all());
        all.addAll(ComputeQuestions.all());
        all.addAll(EdgeQuestions.all());
        all.addAll(AlertsGuardQuestions.all());
        all.addAll(EnvironmentQuestions.all());
        ALL = List.copyOf(all);
    }

    public static List<Question> all() { return ALL; }

    /** A question by its id; an environment's own ({@code environments.staging.service.desiredCount}) is made for its name. */
    public static Optional<Question> byId(String id) {
        return ALL.stream().filter(q -> q.id().equals(id)).findFirst().or(() -> EnvironmentQuestions.byId(id));
    }

    public static Optional<Question> byFlag(String flag) { return ALL.stream().filter(q -> q.flags().contains(flag)).findFirst(); }

    /** The answer a switch flag gives by being present (--no-dns → no); null for a flag that takes a value. */
    static String switchAnswer(String flag) {
        return ALL.stream().flatMap(q -> q.options().stream()).filter(f -> f.name().equals(flag) && f.isSwitch())
                .map(Question.Flag::answer).findFirst().orElse(null);
    }
}
