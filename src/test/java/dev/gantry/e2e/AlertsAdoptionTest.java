package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.EngineOptions;
import dev.gantry.plan.Plan;
import dev.gantry.spec.Alerts;
import dev.gantry.spec.Spec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert types are owned like every other: a hand-made look-alike under gantry's name is a
 * conflict that changes nothing, {@code --adopt} takes it over (tags only), and destroy deletes it.
 */
class AlertsAdoptionTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"topic.alerts", "alarm.5xx-load-balancer", "alarm.cpu-high", "event-rule.task-stopped"})
    void a_hand_made_look_alike_is_a_conflict_then_adopt_takes_it_over(String address) {
        Spec spec = SimHarness.template("web-https.yaml").withAlerts(Alerts.defaults(List.of("ops@example.com")));
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult made = h.apply(spec);
        assertThat(made.exitCode()).as("%s", made.failures()).isZero();
        Untag.strip(h.world.state, "hello", List.of(address));
        h.secrets = name -> java.util.Optional.empty();
        assertThat(h.inventory(spec)).doesNotContainKey(address);

        h.world.resetCounters();
        Plan plan = h.plan(spec);
        assertThat(plan.conflicts()).extracting(c -> c.address().toString()).containsExactly(address);
        ApplyResult refused = h.apply(spec);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();

        ApplyResult adopted = h.engine().apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply").adopting(Set.of(address)));
        assertThat(adopted.exitCode()).as("%s", adopted.failures()).isZero();
        assertThat(h.inventory(spec)).containsKey(address);
        assertThat(h.plan(spec).mutating()).isEmpty();

        assertThat(h.destroy(spec).exitCode()).isZero();
        assertThat(h.taggedLeftovers("hello")).isEmpty();
        assertThat(h.world.state.cloudWatch.alarms).isEmpty();
        assertThat(h.world.state.sns.topics).isEmpty();
        assertThat(h.world.state.events.rules).isEmpty();
    }
}
