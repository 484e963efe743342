package dev.gantry.e2e;

import dev.gantry.cli.wiring.SimAccount;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.ui.WizardReview;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A certificate with no Route53 zone for its domain (--domain x --no-dns): Review and plan say the
 * validation record is added by hand, and a rehearsal acts the person out instead of waiting 45
 * simulated minutes and failing.
 */
class CertificateByHandTest {
    @TempDir Path dir;

    private Spec noDns() throws Exception {
        String text = Files.readString(Path.of("templates/web-https.yaml"));
        // no dns block: the certificate's domain is hosted elsewhere
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, text.replaceAll("(?m)^dns:\\n(  .*\\n)+", ""));
        return SpecLoader.load(file);
    }

    @Test
    void theRehearsalValidatesAsIfTheRecordWasAddedAndReviewSaysItIsByHand() throws Exception {
        Spec spec = noDns();
        assertThat(spec.hasDns()).isFalse();
        assertThat(WizardReview.byHand(spec)).singleElement().satisfies(n -> assertThat(n)
                .contains("proved by a DNS record you add where that domain's DNS is hosted").contains("apply prints it"));
        SimHarness h = new SimHarness();
        SimAccount.prepare(h.world, spec);
        var plan = h.engine().plan(spec, java.util.Set.of());
        assertThat(plan.mutating()).anySatisfy(c -> assertThat(c.description()).contains("proved by DNS records you create (gantry prints them)"));
        ApplyResult r = h.apply(spec);
        assertThat(r.outcome()).as(r.failures().toString()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
        assertThat(r.elapsed()).isLessThan(Duration.ofMinutes(10));
        assertThat(h.events.toString()).contains("create this DNS record");
    }

    @Test
    void outsideARehearsalNobodyAddsItForYou() throws Exception {
        Spec spec = noDns();
        SimHarness h = new SimHarness();
        ApplyResult r = h.apply(spec);
        assertThat(r.outcome()).isEqualTo(ApplyResult.Outcome.FAILED);
        assertThat(WizardReview.byHand(SimHarness.template("web-https.yaml"))).isEmpty();
    }
}
