package dev.gantry.ui;

import dev.gantry.plan.Desired;
import dev.gantry.plan.Piece;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.spec.Spec;
import dev.gantry.cost.CostEstimate;
import dev.gantry.wizard.WizardSession;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the Review screen and the line-mode review both show: the resources the spec will create
 * (from {@link Catalog#expand}, grouped by piece) and the monthly estimate. Lives in ui because the
 * wizard package may not depend on resources.
 */
public final class WizardReview {
    private WizardReview() {}

    /** "Network: vpc.main, subnet.public-0, …" per piece; a note when the catalogue returns nothing yet. */
    public static List<String> resources(Spec spec) {
        List<Desired> all;
        try {
            all = Catalog.expand(spec);
        } catch (RuntimeException e) {
            return List.of("(the resource list is not available: " + e.getMessage() + ")");
        }
        Map<Piece, List<String>> byPiece = new EnumMap<>(Piece.class);
        for (Desired d : all) {
            byPiece.computeIfAbsent(d.piece(), p -> new ArrayList<>())
                    .add(d.address() + (d.data() ? " (existing, looked up)" : ""));
        }
        List<String> out = new ArrayList<>();
        if (byPiece.isEmpty()) {
            out.add("(no resource list yet: this build of gantry does not expand specs into resources)");
            return out;
        }
        byPiece.forEach((piece, items) -> {
            out.add(piece.title() + ":");
            items.forEach(i -> out.add("  " + i));
        });
        return out;
    }

    /**
     * What removing one service of a version-2 spec does at the next apply, said before the removal
     * is made: the resources only it has (deleted), what the remaining services share that changes
     * with it (the certificate's names, a listener), and that the other services keep running.
     * {@code after} is the spec without it.
     */
    public static List<String> removal(Spec before, Spec after, String name) {
        List<Desired> was, will;
        try {
            was = Catalog.expand(before);
            will = Catalog.expand(after);
        } catch (RuntimeException e) {
            return List.of("(what is deleted is not available: " + e.getMessage() + ")");
        }
        Map<dev.gantry.plan.Address, Desired> kept = new java.util.HashMap<>();
        will.forEach(d -> kept.put(d.address(), d));
        List<String> gone = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (Desired d : was) {
            if (d.data()) continue;
            Desired now = kept.get(d.address());
            if (now == null) gone.add("  - " + d.description() + " (" + d.address() + ")");
            else if (!now.props().equals(d.props())) changed.add("  ~ " + now.description() + " (" + d.address() + ")");
        }
        List<String> out = new ArrayList<>();
        out.add("Removing " + name + " deletes, at the next apply:");
        out.addAll(gone);
        if (!changed.isEmpty()) {
            out.add("and changes what the other services share:");
            out.addAll(changed);
        }
        out.add("Kept running, served throughout: " + String.join(", ", after.services().keySet())
                + (changed.isEmpty() ? ", and the shared network, cluster" + (after.hasLoadBalancer() ? " and load balancer" : "") + ", untouched." : "."));
        return out;
    }

    /**
     * What the person must do by hand for this spec to deploy: today, the certificate's validation
     * record when no Route53 zone of gantry's covers its names. Empty when nothing.
     */
    public static List<String> byHand(Spec spec) {
        if (!spec.hasCertificate() || spec.certificate().existing()) return List.of();
        List<String> names = spec.certificate().names();
        boolean covered = spec.hasDns() && names.stream().allMatch(n -> covers(spec.dns().zone(), n));
        if (covered) return List.of();
        return List.of("By hand: the certificate for " + String.join(", ", names) + " is proved by a DNS record you add where"
                + " that domain's DNS is hosted; apply prints it and waits up to 45 minutes (on the simulated AWS it"
                + " acts as if you added it). Choose a Route53 zone on the DNS screen to have gantry add it.");
    }

    /** Whether a zone holds a name (its apex or below it; a wildcard's base). */
    static boolean covers(String zone, String name) {
        String z = zone.endsWith(".") ? zone.substring(0, zone.length() - 1) : zone;
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.startsWith("*.")) n = n.substring(2);
        return n.equalsIgnoreCase(z) || n.toLowerCase().endsWith("." + z.toLowerCase());
    }

    /** The estimate fitted to a narrow pane: each item wrapped, its amount right-aligned on its last line. */
    public static List<String> estimate(WizardSession session, Spec spec, int width) {
        CostEstimate cost = session.cost();
        List<String> out = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        for (CostEstimate.Line l : cost.lines(spec)) rows.add(new String[]{l.item(), CostEstimate.usd(l.monthly())});
        rows.add(new String[]{"Total per month", CostEstimate.usd(cost.total(spec))});
        for (CostEstimate.Line l : session.environmentCostLines()) rows.add(new String[]{l.item(), CostEstimate.usd(l.monthly())});
        for (String[] r : rows) {
            List<String> label = LineWrap.wrap(r[0], width - 11);
            for (int i = 0; i < label.size() - 1; i++) out.add(label.get(i));
            String last = label.get(label.size() - 1);
            out.add(last + " ".repeat(Math.max(1, width - last.length() - r[1].length())) + r[1]);
        }
        out.addAll(LineWrap.wrap("(" + cost.prices().label() + "; data, requests and logs not included)", width));
        return out;
    }

    /** One wrapped paragraph per piece ("Network (12): vpc.main, subnet.public-0, …") for the narrow pane. */
    public static List<String> resourcesCompact(Spec spec, int width) {
        List<String> out = new ArrayList<>();
        String piece = null;
        List<String> items = new ArrayList<>();
        List<String> lines = new ArrayList<>(resources(spec));
        lines.add("end:");
        for (String l : lines) {
            if (!l.startsWith("  ") && l.endsWith(":")) {
                if (piece != null) {
                    out.addAll(LineWrap.wrap(piece + " (" + items.size() + "): " + String.join(", ", items), width));
                }
                piece = l.substring(0, l.length() - 1);
                items.clear();
            } else if (l.startsWith("  ")) {
                items.add(l.strip().replace(" (existing, looked up)", "*"));
            } else {
                out.addAll(LineWrap.wrap(l, width));
            }
        }
        if (lines.stream().anyMatch(l -> l.contains("(existing, looked up)"))) out.add("* looked up, not created");
        return out;
    }

    public static List<String> estimate(WizardSession session, Spec spec) {
        CostEstimate cost = session.cost();
        List<String> out = new ArrayList<>();
        for (CostEstimate.Line l : cost.lines(spec)) out.add(l.render());
        out.add(String.format(java.util.Locale.ROOT, "%-44s %9s", "Total per month", CostEstimate.usd(cost.total(spec))));
        session.environmentCostLines().forEach(l -> out.add(l.render()));
        out.add("(" + cost.prices().label() + "; data, requests and logs not included)");
        return out;
    }
}
