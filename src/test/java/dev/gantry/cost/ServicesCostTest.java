package dev.gantry.cost;

import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Several services: every service's tasks are priced, and what sharing saves is said. */
class ServicesCostTest {
    private final CostEstimate estimate = new CostEstimate(Prices.embedded());

    @Test
    void everyServiceIsPricedAndSharingSavesANetworkAndALoadBalancerPerExtraService() throws Exception {
        Spec spec = SpecLoader.load(Path.of("templates/web-api-worker.yaml"));
        assertThat(estimate.lines(spec)).extracting(CostEstimate.Line::item)
                .anyMatch(i -> i.startsWith("web: 2 × task")).anyMatch(i -> i.startsWith("api: 2 × task")).anyMatch(i -> i.startsWith("worker: 1 × task"));
        Prices p = estimate.prices();
        double h = p.hoursPerMonth();
        double network = (p.natHour() + p.publicIpv4Hour()) * h;           // one NAT gateway and its address each
        double lb = (p.albHour() + p.albLcuHour() + 2 * p.publicIpv4Hour()) * h; // a load balancer per extra public service
        assertThat(estimate.savedBySharing(spec)).isCloseTo(2 * network + lb, within(0.01));
        assertThat(estimate.savedBySharing(SpecLoader.load(Path.of("templates/web-https.yaml")))).isZero();
    }
}
