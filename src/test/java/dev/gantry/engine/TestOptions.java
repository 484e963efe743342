package dev.gantry.engine;

import dev.gantry.plan.Plan;

import java.util.Set;
import java.util.function.Predicate;

/**
 * The engine options tests run with: yes to the question, and at most one setting more. The
 * commands build theirs from their flags ({@code cli.command.ApplyCommand}, {@code cli.command.DestroyCommand}).
 */
public final class TestOptions {
    private TestOptions() {}

    /** Yes to the question; {@code resumeCommand} is what a failure tells the person to run. */
    public static EngineOptions yes(String resumeCommand) {
        return new EngineOptions(false, false, p -> true, null, Set.of(), resumeCommand);
    }

    /** With --allow-replace. */
    public static EngineOptions allowingReplace(String resumeCommand) { return with(yes(resumeCommand), true, false, null, null, null); }

    /** With --force-unlock. */
    public static EngineOptions forcingUnlock(String resumeCommand) { return with(yes(resumeCommand), false, true, null, null, null); }

    /** A destroy that keeps these types (destroy's --keep). */
    public static EngineOptions keeping(String resumeCommand, Set<String> types) { return with(yes(resumeCommand), false, false, null, null, types); }

    /** The question answered by {@code confirm}. */
    public static EngineOptions confirmingWith(String resumeCommand, Predicate<Plan> confirm) { return with(yes(resumeCommand), false, false, confirm, null, null); }

    /** Run as if on machine {@code m} (the lock's holder). */
    public static EngineOptions on(String resumeCommand, Machine m) { return with(yes(resumeCommand), false, false, null, m, null); }

    private static EngineOptions with(EngineOptions o, boolean allowReplace, boolean forceUnlock, Predicate<Plan> confirm, Machine m, Set<String> keep) {
        return new EngineOptions(allowReplace, forceUnlock, confirm == null ? o.confirm() : confirm, m == null ? o.machine() : m,
                keep == null ? o.keepTypes() : keep, o.resumeCommand(), o.adopt());
    }
}
