package dev.gantry.spec;

import java.util.List;
import java.util.Optional;

/** The environments a spec names, in the file's order (empty for a spec without {@code environments:}). */
public record Environments(List<Environment> all) {
    public Environments { all = List.copyOf(all); }

    public static Environments none() { return new Environments(List.of()); }

    public boolean defined() { return !all.isEmpty(); }

    public List<String> names() { return all.stream().map(Environment::name).toList(); }

    public Optional<Environment> find(String name) { return all.stream().filter(e -> e.name().equals(name)).findFirst(); }

    /** The one marked {@code default: true}, which read-only commands use when none is named. */
    public Optional<Environment> defaultOne() { return all.stream().filter(Environment::isDefault).findFirst(); }
}
