package dev.gantry.plan;

import java.util.List;
import java.util.Set;

/**
 * One line of a plan. {@code reason} explains the action to a person; it never drives apply.
 * {@code fields} names the properties that differ (for UPDATE and REPLACE).
 */
public record Change(Address address, Action action, Piece piece, String description,
                     Desired desired, Observed observed, List<FieldChange> fields, String reason,
                     Set<Address> dependsOn) {

    public record FieldChange(String field, Object before, Object after, boolean forcesReplace) {}

    public Change {
        fields = fields == null ? List.of() : List.copyOf(fields);
        dependsOn = dependsOn == null ? Set.of() : Set.copyOf(dependsOn);
    }
}
