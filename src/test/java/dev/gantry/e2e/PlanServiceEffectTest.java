package dev.gantry.e2e;

import dev.gantry.cost.Prices;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.PlanCost;
import dev.gantry.ui.ServiceEffect;
import dev.gantry.ui.line.PlanText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A day-two plan says, for every change, whether the service keeps answering, and what the edit costs. */
class PlanServiceEffectTest {
    @TempDir Path dir;

    private Spec edited(String from, String to) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        String text = Files.readString(Path.of("templates/web-https.yaml"));
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
        return SpecLoader.load(file);
    }

    @Test
    void everyChangeOfAnEditSaysWhatHappensToTheServiceAndTheBillMoves() throws Exception {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        Plan first = h.engine().plan(spec, Set.of());
        // a first deploy: no service runs yet, nothing to say about it; the bill starts from nothing
        assertThat(ServiceEffect.running(first)).isFalse();
        assertThat(PlanText.render(first, Ansi.NONE, Prices.embedded())).doesNotContain("service: ")
                .contains("Monthly estimate: $0.00 → $84.09 (+$84.09 a month");
        assertThat(h.apply(spec).outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);

        Plan nat = h.engine().plan(edited("natGateways: single", "natGateways: perAz"), Set.of());
        String text = PlanText.render(nat, Ansi.NONE, Prices.embedded());
        for (Change c : nat.mutating()) assertThat(ServiceEffect.of(nat, c)).as(c.address().toString()).startsWith("keeps answering");
        assertThat(text).contains("service: keeps answering: this goes only once nothing uses it")
                .contains("Monthly estimate: $84.09 → $120.59 (+$36.50 a month");
        assertThat(PlanCost.line(h.engine().plan(spec, Set.of()), Prices.embedded())).isNull();

        Plan port = h.engine().plan(edited("port: 80 ", "port: 8080 "), Set.of());
        assertThat(PlanText.render(port, Ansi.NONE, Prices.embedded()))
                .contains("service: keeps answering: new rules are added first; rules no longer wanted go when the rest of the apply (the rollout too) has finished")
                .contains("service: keeps answering: a rolling deployment")
                .contains("(no change;");

        Plan cidr = h.engine().plan(edited("cidr: 10.0.0.0/16", "cidr: 10.1.0.0/16"), Set.of());
        assertThat(cidr.mutating()).anySatisfy(c -> assertThat(ServiceEffect.of(cidr, c)).startsWith("DOWN"));
    }
}
