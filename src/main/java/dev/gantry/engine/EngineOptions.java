package dev.gantry.engine;

import dev.gantry.plan.Plan;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How one apply or destroy should behave. {@code confirm} is asked once with the plan (a prompt,
 * or {@code --yes}); {@code resumeCommand} is what to tell the person to run to continue;
 * {@code machine} identifies this run in the lock and proves a dead holder dead; {@code adopt}
 * lists the addresses to take over ({@code --adopt}, "all" for every one that can be). Tests build
 * theirs with src/test's {@code TestOptions}.
 */
public record EngineOptions(boolean allowReplace, boolean forceUnlock, Predicate<Plan> confirm, Machine machine,
                            Set<String> keepTypes, String resumeCommand, Set<String> adopt) {
    public EngineOptions {
        keepTypes = keepTypes == null ? Set.of() : Set.copyOf(keepTypes);
        adopt = adopt == null ? Set.of() : Set.copyOf(adopt);
        machine = machine == null ? Machine.local(Map.of()) : machine;
    }

    public EngineOptions(boolean allowReplace, boolean forceUnlock, Predicate<Plan> confirm, Machine machine,
                         Set<String> keepTypes, String resumeCommand) {
        this(allowReplace, forceUnlock, confirm, machine, keepTypes, resumeCommand, Set.of());
    }

    public EngineOptions adopting(Set<String> addresses) { return new EngineOptions(allowReplace, forceUnlock, confirm, machine, keepTypes, resumeCommand, addresses); }
}
