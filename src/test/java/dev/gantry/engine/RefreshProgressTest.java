package dev.gantry.engine;

import dev.gantry.aws.sim.SimLatency;
import dev.gantry.aws.sim.SimState;
import dev.gantry.aws.sim.SimWorld;
import dev.gantry.cli.wiring.SimAccount;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A refresh tells what it is reading from the start, then each read as it finishes. */
class RefreshProgressTest {
    record Report(int done, int total, List<String> pending, RefreshProgress.Finished finished) {}

    @Test
    void everyReadIsAnnouncedThenReportedOnceUntilNothingIsPending() throws Exception {
        Spec spec = SpecLoader.load(Path.of("templates/web-https.yaml"));
        VirtualScheduler time = new VirtualScheduler();
        SimWorld world = new SimWorld(new SimState(), time, SimLatency.instant());
        world.state.region = spec.region();
        SimAccount.prepare(world, spec);
        List<Report> reports = new ArrayList<>();
        Engine engine = new Engine(Catalog.standard(), world.clients(), time, SecretValues.none(), ApplyListener.NONE)
                .onRefresh((done, total, pending, finished) -> reports.add(new Report(done, total, pending, finished)));

        engine.plan(spec);

        Report first = reports.get(0);
        assertThat(first.done()).isZero();
        assertThat(first.finished()).isNull();
        assertThat(first.pending()).hasSize(first.total())
                .contains("vpc", "load-balancer", "service").contains("hosted-zone.main", "zones.main");
        assertThat(reports).hasSize(first.total() + 1);
        List<String> finished = reports.stream().skip(1).map(r -> r.finished().what()).toList();
        assertThat(finished).containsExactlyInAnyOrderElementsOf(first.pending());
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i).done()).isEqualTo(i);
            assertThat(reports.get(i).pending()).doesNotContain(reports.get(i).finished().what());
        }
        assertThat(reports.get(reports.size() - 1).pending()).isEmpty();
    }
}
