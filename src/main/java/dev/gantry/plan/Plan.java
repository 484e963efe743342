package dev.gantry.plan;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The planner's output: data only; text and JSON renderings live elsewhere. */
public record Plan(String app, List<Change> changes, List<String> warnings) {
    public Plan {
        changes = List.copyOf(changes);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public boolean hasChanges() { return changes.stream().anyMatch(c -> c.action().mutates()); }

    public List<Change> mutating() { return changes.stream().filter(c -> c.action().mutates()).toList(); }

    public Map<Action, Long> counts() {
        return changes.stream().collect(Collectors.groupingBy(Change::action, Collectors.counting()));
    }
}
