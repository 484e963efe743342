package dev.gantry.ops;

import dev.gantry.spec.Spec;
import dev.gantry.cost.CostEstimate;
import dev.gantry.cost.Prices;

import java.util.List;

/**
 * The wizard's monthly estimate, reused so {@code gantry init} and {@code gantry status} never
 * disagree. The price list is us-east-1's; elsewhere the label says so.
 */
public final class CostEstimates {
    static final String EXCLUDES = "data transfer, NAT data processing, requests and log storage are not included";

    private CostEstimates() {}

    public static StatusReport.Cost of(Spec spec) {
        CostEstimate estimate = new CostEstimate(Prices.embedded());
        List<StatusReport.CostLine> lines = estimate.lines(spec).stream()
                .map(l -> new StatusReport.CostLine(l.item(), round(l.monthly()))).toList();
        Prices p = estimate.prices();
        String label = p.label() + (p.region().equals(spec.region()) ? "" : " (prices in " + spec.region() + " differ a little)");
        double saved = estimate.savedBySharing(spec);
        String excludes = saved <= 0 ? EXCLUDES : EXCLUDES + "; the " + spec.services().size() + " services share one network and one load balancer,"
                + " about " + CostEstimate.usd(saved) + " a month less than as separate apps";
        return new StatusReport.Cost(label, lines, round(estimate.total(spec)), excludes);
    }

    private static double round(double usd) { return Math.round(usd * 100) / 100.0; }
}
