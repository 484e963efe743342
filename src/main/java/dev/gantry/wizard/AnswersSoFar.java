package dev.gantry.wizard;

import java.util.List;

/**
 * What a question may read while computing its default, choices, applicability or validity: the
 * effective answers so far (typed or defaulted) and what the look-ups found.
 */
public interface AnswersSoFar {
    /** The effective answer for a spec path: the typed one, else the question's default; null when neither. */
    String get(String id);

    /** True when the person (or a flag, or the edited file) gave this answer explicitly. */
    boolean given(String id);

    LookupResults facts();

    /** In version 2, the service whose own questions are being asked; null in version 1. */
    default String service() { return null; }

    default boolean is(String id, String value) { return value.equals(get(id)); }

    default int intOr(String id, int fallback) {
        try { return Integer.parseInt(get(id).trim()); } catch (RuntimeException e) { return fallback; }
    }

    default List<String> list(String id) { return AnswerText.list(get(id)); }
}
