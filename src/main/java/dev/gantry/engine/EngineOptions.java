package dev.gantry.engine;

import dev.gantry.plan.Plan;

import java.util.Set;
import java.util.function.Predicate;

/**
 * How one apply or destroy should behave. {@code confirm} is asked once with the plan (a prompt,
 * or {@code --yes}); {@code resumeCommand} is what to tell the person to run to continue.
 */
public record EngineOptions(boolean allowReplace, boolean forceUnlock, Predicate<Plan> confirm, String holder,
                            Set<String> keepTypes, String resumeCommand, Predicate<String> staleLock) {
    public EngineOptions {
        keepTypes = keepTypes == null ? Set.of() : Set.copyOf(keepTypes);
        staleLock = staleLock == null ? h -> false : staleLock;
    }

    public EngineOptions(boolean allowReplace, boolean forceUnlock, Predicate<Plan> confirm, String holder,
                         Set<String> keepTypes, String resumeCommand) {
        this(allowReplace, forceUnlock, confirm, holder, keepTypes, resumeCommand, null);
    }

    /** {@code stale} says whether a lock's holder is certainly dead (same machine, process gone). */
    public EngineOptions withStaleLockCheck(Predicate<String> stale) {
        return new EngineOptions(allowReplace, forceUnlock, confirm, holder, keepTypes, resumeCommand, stale);
    }

    public static EngineOptions yes(String resumeCommand) {
        return new EngineOptions(false, false, p -> true, "gantry", Set.of(), resumeCommand);
    }

    public EngineOptions allowingReplace() { return new EngineOptions(true, forceUnlock, confirm, holder, keepTypes, resumeCommand); }
    public EngineOptions keeping(Set<String> types) { return new EngineOptions(allowReplace, forceUnlock, confirm, holder, types, resumeCommand); }
    public EngineOptions forcingUnlock() { return new EngineOptions(allowReplace, true, confirm, holder, keepTypes, resumeCommand); }
    public EngineOptions confirmingWith(Predicate<Plan> c) { return new EngineOptions(allowReplace, forceUnlock, c, holder, keepTypes, resumeCommand); }
}
