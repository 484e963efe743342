package dev.gantry.ui;

import dev.gantry.diagnose.Diagnosis;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.CriticalPath;
import dev.gantry.engine.ApplyResult.Outcome;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What stays on the terminal after an apply or destroy: on success where the service answers,
 * what changed and what to run next; otherwise what failed and why, what was left in which state,
 * and the exact command to continue. Both the live view (after restoring the screen) and the plain
 * printer end with it.
 */
public final class SummaryText {
    private SummaryText() {}

    /** {@code progress} may be null (no events seen); the result's own counts are used then. */
    public static String render(Operation op, ApplyResult result, ProgressModel.Snapshot progress, Ansi ansi) {
        StringBuilder b = new StringBuilder();
        String verb = capitalized(op.command());
        String took = took(op, result);
        switch (result.outcome()) {
            case NO_CHANGES -> {
                b.append(ansi.green("✓")).append(' ').append(op.isDestroy()
                        ? "Nothing to destroy: gantry found no resources of " + op.app() + "."
                        : PlanSummary.NO_CHANGES).append('\n');
                if (!op.isDestroy()) url(result, b);
                next(op, b);
            }
            case SUCCEEDED -> {
                b.append(ansi.green("✓")).append(' ').append(verb).append(" complete in ").append(took).append(": ").append(counts(result)).append(".\n");
                if (!op.isDestroy()) url(result, b);
                next(op, b);
                if (!op.isDestroy()) criticalPath(result, b);
            }
            case DECLINED -> {
                b.append(ansi.yellow("■")).append(' ').append(capitalized(op.command()))
                        .append(" not started: the answer was not 'yes'. Nothing was changed.\n");
                b.append("\nTo ").append(op.command()).append(" after all, run:\n  ").append(op.suggest(op.command())).append('\n');
            }
            default -> failure(op, result, progress, ansi, b);
        }
        return b.toString();
    }

    /** Where the time went: the chain of waits that set the length, and what would shorten it most. */
    private static void criticalPath(ApplyResult result, StringBuilder b) {
        CriticalPath path = result.criticalPath();
        if (path == null || path.waits().isEmpty()) return;
        b.append("\nWhere the time went (the waits that set its length):\n  ").append(path.line()).append('\n');
        if (path.lever() != null) b.append("Biggest lever left: ").append(path.lever()).append('\n');
    }

    private static void failure(Operation op, ApplyResult result, ProgressModel.Snapshot progress, Ansi ansi,
                                StringBuilder b) {
        if (refused(result)) {
            // Refused before anything started (a conflict, a replacement needing --allow-replace, a
            // missing secret value): nothing ran, so no time taken and nothing to continue.
            b.append(ansi.red("✗")).append(' ').append(capitalized(op.command())).append(" refused; nothing was changed:\n");
            for (String f : result.failures()) b.append("  ").append(ansi.red("✗")).append(' ').append(op.words(f)).append('\n');
            // Running the same command again would be refused again: a next step is named only when it
            // is another command (a saved plan's: make a new one).
            String next = result.resumeCommand();
            if (next != null && !next.isBlank() && !next.startsWith("gantry " + op.command())) {
                b.append("\nFix the problem above, then continue with:\n  ").append(op.words(next)).append('\n');
            }
            return;
        }
        String took = took(op, result);
        String verb = capitalized(op.command());
        if (result.outcome() == Outcome.INTERRUPTED) {
            b.append(ansi.yellow("■")).append(' ').append(verb).append(" stopped after ").append(took)
                    .append(result.stoppedBy() == null ? " because you pressed Ctrl-C.\n"
                            : "SIGINT".equals(result.stoppedBy()) ? " because it received SIGINT (Ctrl-C).\n"
                            : " because it received " + result.stoppedBy() + ".\n");
        } else if (result.outcome() == Outcome.ROLLOUT_FAILED) {
            b.append(ansi.red("✗")).append(' ').append(verb).append(" failed after ").append(took)
                    .append(": the new version of the service did not start.\n");
        } else {
            b.append(ansi.red("✗")).append(' ').append(verb).append(" failed after ").append(took).append(".\n");
        }

        List<ProgressModel.Row> failedRows = progress == null ? List.of() : progress.rows(ProgressModel.State.FAILED);
        if (!failedRows.isEmpty() || !result.failures().isEmpty()) {
            b.append("\nWhat failed:\n");
            if (!failedRows.isEmpty()) {
                for (ProgressModel.Row r : failedRows) {
                    b.append("  ").append(ansi.red("✗")).append(' ').append(r.change().address()).append("  ")
                            .append(r.change().description()).append('\n');
                    if (r.message() != null) b.append("      ").append(r.message()).append('\n');
                    if (r.fix() != null && !r.fix().isBlank()) b.append("      fix: ").append(op.words(r.fix())).append('\n');
                }
            } else {
                for (String f : result.failures()) b.append("  ").append(ansi.red("✗")).append(' ').append(op.words(f)).append('\n');
            }
        }

        Diagnosis d = op.words(result.diagnosis() != null ? result.diagnosis() : progress == null ? null : progress.diagnosis());
        if (d != null) {
            b.append("\nWhy the deployment failed:\n  ").append(d.summary()).append('\n');
            if (d.detail() != null && !d.detail().isBlank()) b.append("  ").append(d.detail()).append('\n');
            if (!d.fixes().isEmpty()) {
                b.append("  How to fix it:\n");
                int i = 1;
                for (String fix : d.fixes()) b.append("    ").append(i++).append(". ").append(fix).append('\n');
            }
        }

        b.append("\nWhat was left:\n");
        b.append("  ").append(counts(result)).append('\n');
        // After Ctrl-C what had not begun was held back by the stop, unless something it needs failed too.
        boolean stopped = result.outcome() == Outcome.INTERRUPTED;
        String skipped = !stopped ? "not started because something it needs failed"
                : result.failed() == 0 ? "not started because the run was stopped"
                : "not started because the run was stopped or something it needs failed";
        if (progress != null) {
            left(b, progress.rows(ProgressModel.State.FAILED), "failed");
            left(b, progress.rows(ProgressModel.State.SKIPPED), skipped);
            left(b, progress.rows(ProgressModel.State.RUNNING), "still in progress when gantry stopped");
            left(b, progress.rows(ProgressModel.State.PENDING), "not started");
        } else {
            if (result.failed() > 0) b.append("  ").append(result.failed()).append(" failed\n");
            if (result.skipped() > 0) b.append("  ").append(result.skipped()).append(' ').append(skipped).append('\n');
        }

        String resume = result.resumeCommand() != null && !result.resumeCommand().isBlank()
                ? result.resumeCommand() : op.suggest(op.command());
        b.append(result.outcome() == Outcome.INTERRUPTED
                ? "\nTo continue where it stopped, run:\n"
                : "\nFix the problem above, then continue with:\n");
        b.append("  ").append(resume).append('\n');
    }

    /** Refused before anything started (exit 2): nothing ran. */
    static boolean refused(ApplyResult r) {
        return r.exit() == ApplyResult.Exit.INVALID_INPUT && !r.failures().isEmpty()
                && r.created() + r.updated() + r.replaced() + r.deleted() + r.failed() + r.skipped() == 0;
    }

    /** How long it took, said once to be simulated time when the run's clock (or the command) was. */
    private static String took(Operation op, ApplyResult result) {
        String shown = op.took(result.elapsed());
        return result.simulatedTime() && !shown.endsWith(" of simulated time") ? shown + " of simulated time" : shown;
    }

    private static void left(StringBuilder b, List<ProgressModel.Row> rows, String what) {
        if (rows.isEmpty()) return;
        b.append("  ").append(rows.size()).append(' ').append(what).append(": ")
                .append(rows.stream().map(SummaryText::leftOne).collect(Collectors.joining(", ")))
                .append('\n');
    }

    /** A skipped resource names the failure it waits on, so the summary says why it is left. */
    private static String leftOne(ProgressModel.Row r) {
        java.util.regex.Matcher m = r.message() == null ? null
                : java.util.regex.Pattern.compile("^depends on (\\S+), which failed$").matcher(r.message());
        return r.change().address() + (m != null && m.matches() ? " (needs " + m.group(1) + ")" : "");
    }

    private static String counts(ApplyResult r) {
        return r.created() + " created, " + r.updated() + " updated, " + r.replaced() + " replaced, "
                + r.deleted() + " destroyed";
    }

    private static void url(ApplyResult r, StringBuilder b) {
        if (r.answers() != null) b.append('\n').append(r.answers()).append('\n');
        else if (r.url() != null && !r.url().isBlank()) b.append("\nYour service answers at ").append(r.url()).append('\n');
    }

    private static void next(Operation op, StringBuilder b) {
        b.append("\nNext:\n");
        java.util.Map<String, String> next = new java.util.LinkedHashMap<>();
        if (op.isDestroy()) {
            next.put(op.suggest("apply"), "create it all again from the spec");
        } else {
            next.put(op.suggest("status"), "what is running and whether it is healthy");
            next.put(op.suggest("logs") + " --follow", "your containers' output as it happens");
        }
        int width = next.keySet().stream().mapToInt(String::length).max().orElse(0) + 3;
        next.forEach((command, what) -> b.append("  ").append(command).append(" ".repeat(width - command.length())).append(what).append('\n'));
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
