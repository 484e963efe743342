package dev.gantry.plan;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The planner's output: data only; text and JSON renderings live elsewhere. {@code conflicts}:
 * names the spec wants that something else already holds; apply refuses while there is any.
 */
public record Plan(String app, List<Change> changes, List<String> warnings, List<Conflict> conflicts) {
    public Plan {
        changes = List.copyOf(changes);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    }

    public Plan(String app, List<Change> changes, List<String> warnings) { this(app, changes, warnings, List.of()); }

    public Plan withConflicts(List<Conflict> found) { return new Plan(app, changes, warnings, found); }

    public boolean hasChanges() { return changes.stream().anyMatch(c -> c.action().mutates()); }

    public List<Change> mutating() { return changes.stream().filter(c -> c.action().mutates()).toList(); }

    public Map<Action, Long> counts() {
        return changes.stream().collect(Collectors.groupingBy(Change::action, Collectors.counting()));
    }
}
