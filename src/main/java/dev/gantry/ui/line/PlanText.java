package dev.gantry.ui.line;

import dev.gantry.plan.Action;
import dev.gantry.plan.Change;
import dev.gantry.plan.Conflict;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Planner;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.ChangeWords;
import dev.gantry.ui.PlanSummary;
import dev.gantry.ui.PlanCost;
import dev.gantry.ui.ServiceEffect;
import dev.gantry.cost.Prices;
import dev.gantry.ui.Sensitive;

import java.util.List;

/**
 * A plan in plain words, grouped by the piece of the app it belongs to, in the order people think
 * in. Symbols follow terraform's ({@code +} create, {@code ~} update, {@code -/+} replace,
 * {@code -} delete); each change says why, and an update or replace lists what differs.
 */
public final class PlanText {
    private PlanText() {}

    public static String render(Plan plan, Ansi ansi) { return render(plan, ansi, null); }

    /** With {@code prices}, the plan's last line is what it does to the monthly estimate ({@link PlanCost}). */
    public static String render(Plan plan, Ansi ansi, Prices prices) {
        StringBuilder b = new StringBuilder();
        List<Change> changes = plan.mutating();
        changes = servicesFirst(plan, changes, ansi, b);
        for (Piece piece : Piece.values()) {
            List<Change> group = changes.stream().filter(c -> c.piece() == piece).toList();
            if (group.isEmpty()) continue;
            b.append(ansi.bold(piece.title())).append('\n');
            for (Change c : group) changeLines(plan, c, ansi, b);
            b.append('\n');
        }
        if (!plan.warnings().isEmpty()) {
            b.append(ansi.yellow("Warnings:")).append('\n');
            for (String w : plan.warnings()) b.append("  ! ").append(w).append('\n');
            b.append('\n');
        }
        if (!plan.conflicts().isEmpty()) {
            b.append(ansi.red("Conflicts: names gantry.yaml wants are taken; apply changes nothing until each is resolved")).append('\n');
            for (Conflict c : plan.conflicts()) b.append("  ✗ ").append(c.explain()).append('\n');
            b.append('\n');
        }
        b.append(plan.hasChanges() ? ansi.bold(PlanSummary.line(plan)) : PlanSummary.line(plan)).append('\n');
        String cost = prices == null ? null : PlanCost.line(plan, prices);
        if (cost != null) b.append(cost).append('\n');
        return b.toString();
    }

    private static void changeLines(Plan plan, Change c, Ansi ansi, StringBuilder b) {
        if (blocked(plan, c)) {
            // Its name is taken: it cannot be created as things stand (Conflicts says why).
            b.append("  ").append(ansi.red("✗")).append(' ').append(c.address()).append("  ").append(c.description())
                    .append('\n').append("      ").append(ansi.dim((c.action() == Action.CREATE ? "not created" : "not replaced") + ": the name is taken (see Conflicts)")).append('\n');
        } else {
            change(c, ansi, b);
            String effect = ServiceEffect.of(plan, c);
            if (effect != null) b.append("      ").append(ansi.dim("service: " + effect)).append('\n');
        }
    }

    private static void change(Change c, Ansi ansi, StringBuilder b) {
        b.append("  ").append(symbol(c.action(), ansi)).append(' ').append(c.address()).append("  ")
                .append(c.description()).append('\n');
        String indent = "      ";
        if (saysMore(c)) b.append(indent).append(ansi.dim(c.reason())).append('\n');
        if (c.action() == Action.UPDATE || c.action() == Action.REPLACE) {
            for (Change.FieldChange f : c.fields()) {
                if (Sensitive.newSecretValue(c.address(), f)) {
                    b.append(indent).append("value: (changed)\n");
                    continue;
                }
                b.append(indent).append(f.field()).append(": ")
                        .append(ChangeWords.value(Sensitive.mask(c.address(), f.field(), f.before())))
                        .append(" → ")
                        .append(ChangeWords.value(Sensitive.mask(c.address(), f.field(), f.after())));
                if (f.forcesReplace()) b.append(' ').append(ansi.red("(forces replacement)"));
                b.append('\n');
            }
        }
    }

    /** Whether every change of the plan is a create (a first deploy). */
    public static boolean onlyCreates(Plan plan) {
        return plan.hasChanges() && plan.conflicts().isEmpty() && plan.mutating().stream().allMatch(c -> c.action() == Action.CREATE);
    }

    /**
     * Several services: each service's own changes, in full, under its name; returns what they
     * share (all of {@code changes} for one service), which the caller lists by piece.
     */
    private static List<Change> servicesFirst(Plan plan, List<Change> changes, Ansi ansi, StringBuilder b) {
        var byService = dev.gantry.ui.ServiceGroups.of(changes);
        if (byService.isEmpty()) return changes;
        for (var e : byService.entrySet()) {
            if (e.getKey().isEmpty() || e.getValue().isEmpty()) continue;
            b.append(ansi.bold("Service " + (e.getKey().equals("main") ? "named like the app" : e.getKey()))).append('\n');
            for (Change c : e.getValue()) changeLines(plan, c, ansi, b);
            b.append('\n');
        }
        List<Change> shared = byService.get("");
        if (!shared.isEmpty()) b.append(ansi.bold("Shared by the services")).append("\n\n");
        return shared;
    }

    /**
     * A plan of creates in a line per piece ("Network (10): + vpc.main, subnet.public-0, …"), then
     * the summary: what fits on a screen above apply's question.
     */
    public static String compact(Plan plan, Ansi ansi, Prices prices) {
        StringBuilder b = new StringBuilder();
        List<Change> changes = plan.mutating();
        changes = servicesFirst(plan, changes, ansi, b);
        for (Piece piece : Piece.values()) {
            List<String> group = changes.stream().filter(c -> c.piece() == piece).map(c -> c.address().toString()).toList();
            if (group.isEmpty()) continue;
            b.append(ansi.bold(piece.title())).append(" (").append(group.size()).append("): ")
                    .append(ansi.green("+")).append(' ').append(String.join(", ", group)).append('\n');
        }
        if (!plan.warnings().isEmpty()) {
            b.append('\n').append(ansi.yellow("Warnings:")).append('\n');
            for (String w : plan.warnings()) b.append("  ! ").append(w).append('\n');
        }
        b.append("(each one, with what it is for: 'gantry plan')\n\n");
        b.append(ansi.bold(PlanSummary.line(plan))).append('\n');
        String cost = prices == null ? null : PlanCost.line(plan, prices);
        if (cost != null) b.append(cost).append('\n');
        return b.toString();
    }

    private static boolean blocked(Plan plan, Change c) {
        return (c.action() == Action.CREATE || c.action() == Action.REPLACE) && plan.conflicts().stream().anyMatch(k -> k.address().equals(c.address()));
    }

    /**
     * Whether a change's reason adds to its symbol: "does not exist yet" beside a {@code +} and
     * "destroy" beside a {@code -} only repeat it, on every line of a first plan or a destroy.
     */
    private static boolean saysMore(Change c) {
        if (c.reason() == null || c.reason().isBlank()) return false;
        return !(c.action() == Action.CREATE && c.reason().equals(Planner.NEW)
                || c.action() == Action.DELETE && c.reason().equals(Planner.DESTROYING));
    }

    private static String symbol(Action a, Ansi ansi) {
        String s = a.symbol();
        return switch (a) {
            case CREATE -> ansi.green(s);
            case UPDATE -> ansi.yellow(s);
            case REPLACE -> ansi.yellow(s);
            case DELETE -> ansi.red(s);
            default -> s;
        };
    }
}
