package dev.gantry.resources.compute;

import dev.gantry.cost.CostEstimate;
import dev.gantry.cost.Prices;
import dev.gantry.spec.Guard;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;
import org.assertj.core.data.Offset;

import static org.assertj.core.api.Assertions.assertThat;

/** The estimate prices the guard apply installs: its function's memory, one run per period. */
class GuardCostTest {
    private static final String WEB = "version: 1\napp: hello\nregion: us-east-1\ntask:\n  image: nginx:1.27\n  port: 80\nloadBalancer: {}\n";

    @Test
    void theEstimatePricesTheFunctionApplyMakes() {
        assertThat(CostEstimate.GUARD_MEMORY_MB).isEqualTo(GuardFunctionType.MEMORY_MB);
    }

    @Test
    void aGuardEveryFiveMinutesIsTwoLinesAndNoneWithoutIt() throws Exception {
        Prices p = Prices.embedded();
        CostEstimate est = new CostEstimate(p);
        Spec web = SpecLoader.load("gantry.yaml", WEB);
        assertThat(est.lines(web)).noneMatch(l -> l.area() == CostEstimate.Area.GUARD);
        Spec guarded = web.withGuard(new Guard(5, Guard.Repair.SAFE));
        int runs = 730 * 60 / 5;
        double lambda = runs * (10 * 1.0 * p.lambdaGbSecond() + p.lambdaRequestMillion() / 1e6);
        double scheduler = runs * p.schedulerInvocationMillion() / 1e6;
        assertThat(est.lines(guarded)).filteredOn(l -> l.area() == CostEstimate.Area.GUARD).extracting(CostEstimate.Line::item)
                .containsExactly("Guard: 8,760 Lambda runs of ~10 s, 1 GB", "Guard: 8,760 scheduled invocations");
        assertThat(est.total(guarded) - est.total(web)).isCloseTo(lambda + scheduler, Offset.offset(1e-9));
        assertThat(est.guardMonthly(5)).isCloseTo(lambda + scheduler, Offset.offset(1e-9)).isCloseTo(1.47, Offset.offset(0.005));
        // An hourly guard runs a twelfth as often.
        assertThat(est.guardMonthly(60)).isCloseTo((lambda + scheduler) / 12, Offset.offset(1e-9));
    }
}
