package dev.gantry.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.guard.GuardRun;
import dev.gantry.guard.GuardStatus;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** The guard in words (gantry guard status, and a line of gantry status) and in JSON. */
public final class GuardStatusText {
    private static final String LABEL = "%-13s";

    private GuardStatusText() {}

    /** The schedule and mode on one line. */
    static String setup(GuardStatus g, Ansi ansi, UnaryOperator<String> words) {
        if (!g.installed()) return ansi.yellow(words.apply("not installed (its schedule or function is missing): run 'gantry apply'"));
        return "every " + g.every() + ", repair: " + g.repair() + " (schedule " + GuardStatus.SCHEDULE + " " + g.scheduleState().toLowerCase(Locale.ROOT)
                + ", " + g.scheduleExpression() + "; function " + g.functionState().toLowerCase(Locale.ROOT) + ")";
    }

    /** The last run on one line. */
    static String lastRun(GuardStatus g, Ansi ansi) {
        if (g.last().isEmpty()) return "none yet";
        GuardRun r = g.last().get();
        String when = StatusText.TIME.format(r.at());
        return switch (r.outcome()) {
            case CLEAN -> when + ": " + ansi.green("clean") + ", AWS is as the spec says";
            case SKIPPED -> when + ": skipped, " + r.note();
            case FAILED -> when + ": " + ansi.red("failed") + ", " + r.note();
            default -> when + ": repaired " + r.repaired().size() + names(r.repaired()) + ", reported " + r.reported().size() + names(r.reported());
        };
    }

    private static String names(List<GuardRun.Item> items) {
        if (items.isEmpty()) return "";
        List<String> a = items.stream().map(GuardRun.Item::address).filter(x -> !x.isEmpty()).distinct().toList();
        return a.isEmpty() ? "" : " (" + String.join(", ", a.subList(0, Math.min(4, a.size()))) + (a.size() > 4 ? ", …" : "") + ")";
    }

    /** gantry guard status: the setup, the last run, and each repair and report of it. */
    public static String render(String app, GuardStatus g, Ansi ansi, UnaryOperator<String> words) {
        StringBuilder b = new StringBuilder();
        b.append(ansi.bold(app)).append(" · guard\n");
        line(b, "Guard", setup(g, ansi, words));
        line(b, "Last run", lastRun(g, ansi));
        g.last().ifPresent(r -> {
            for (GuardRun.Item i : r.repaired()) b.append("  ").append(ansi.green("✓ repaired")).append(' ').append(i.address()).append(": ").append(i.what()).append('\n');
            for (GuardRun.Item i : r.reported()) {
                b.append("  ").append(ansi.yellow("! report")).append(' ').append(i.address().isEmpty() ? "" : i.address() + ": ").append(words.apply(i.what())).append('\n');
            }
        });
        if (g.last().map(r -> !r.reported().isEmpty()).orElse(false)) {
            b.append(words.apply("What the guard reports is left to you: 'gantry plan' shows it, 'gantry apply' does it.")).append('\n');
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String text) {
        b.append(String.format(Locale.ROOT, LABEL, label)).append(text).append('\n');
    }

    /** The guard as a JSON object (the "guard" of gantry status's JSON, and all of gantry guard status's). */
    public static void json(ObjectNode into, GuardStatus g, UnaryOperator<String> words) {
        into.put("every", g.every());
        into.put("repair", g.repair());
        into.put("installed", g.installed());
        into.put("schedule", g.scheduleExpression());
        into.put("scheduleState", g.scheduleState());
        into.put("functionState", g.functionState());
        if (g.last().isEmpty()) {
            into.putNull("lastRun");
            return;
        }
        GuardRun r = g.last().get();
        ObjectNode last = into.putObject("lastRun");
        last.put("at", r.at().toString());
        last.put("outcome", r.outcome().word());
        items(last.putArray("repaired"), r.repaired(), UnaryOperator.identity());
        items(last.putArray("reported"), r.reported(), words);
        last.put("note", r.note());
    }

    private static void items(ArrayNode a, List<GuardRun.Item> items, UnaryOperator<String> words) {
        for (GuardRun.Item i : items) a.addObject().put("address", i.address()).put("what", words.apply(i.what()));
    }
}
