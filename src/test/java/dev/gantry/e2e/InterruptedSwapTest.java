package dev.gantry.e2e;

import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineOptions;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An apply stopped in the middle of a swap leaves both the new resource and the old one, each
 * tagged for the same address. The next apply must keep the one the spec describes and delete the
 * other, not pick one at random and forget the other (which would cost money and outlive destroy).
 */
class InterruptedSwapTest {

    @Test
    void the_next_apply_keeps_the_new_certificate_and_deletes_the_old_one() {
        Spec a = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(a);
        assertThat(h.apply(a).exitCode()).isZero();
        Spec b = a.withCertificate(new dev.gantry.spec.Certificate("www.example.com", java.util.List.of(), null));
        h.prepare(b);

        List<ApplyEvent> events = new CopyOnWriteArrayList<>();
        Engine[] engine = new Engine[1];
        engine[0] = new Engine(Catalog.standard(), h.aws, h.time, h.secrets, e -> {
            events.add(e);
            // Ctrl-C right after the new certificate is issued, before anything has switched to it.
            if (e instanceof ApplyEvent.Waiting w && w.change().address().toString().equals("certificate.main")
                    && w.waitingFor().contains("switch")) engine[0].cancel();
        });
        ApplyResult stopped = engine[0].apply(b, dev.gantry.engine.TestOptions.yes("gantry apply"));
        assertThat(stopped.exitCode()).isEqualTo(130);
        assertThat(h.world.state.acm.certificates).hasSize(2);

        ApplyResult again = h.apply(b);
        assertThat(again.exitCode()).as(again.failures().toString()).isZero();
        assertThat(h.events).anyMatch(e -> e instanceof ApplyEvent.Info i
                && i.message().startsWith("2 resources are tagged as certificate.main (an apply stopped while replacing it): keeping "));
        assertThat(h.world.state.acm.certificates.values()).singleElement().satisfies(c -> assertThat(c.names).contains("www.example.com"));
        assertThat(h.plan(b).mutating()).isEmpty();

        assertThat(h.destroy(b).exitCode()).isZero();
        assertThat(h.world.state.acm.certificates).isEmpty();
    }
}
