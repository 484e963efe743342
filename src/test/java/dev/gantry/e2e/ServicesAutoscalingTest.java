package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec version 2: any service may autoscale, each with its own target and policy. */
class ServicesAutoscalingTest {

    private static String template() throws Exception { return Files.readString(Path.of("templates/web-api-worker.yaml")); }

    /** The api scales between 2 and 6 tasks; the web keeps its count. */
    private static String scalingApi(String text) {
        String api = "  api:\n    task:";
        int at = text.indexOf(api);
        int service = text.indexOf("    service:\n      desiredCount: 2\n", at);
        return text.substring(0, service) + "    service:\n      desiredCount: 2\n      autoscaling: {min: 2, max: 6, cpuTarget: 50}\n"
                + text.substring(service + "    service:\n      desiredCount: 2\n".length());
    }

    private static List<String> mutating(SimHarness h, Spec spec) {
        return h.plan(spec).mutating().stream().map(c -> c.address() + " " + c.action()).sorted().toList();
    }

    @Test
    void aSecondServiceAutoscalesWithItsOwnTargetAndPolicyAndLosesThemWhenItStops() throws Exception {
        Spec plain = SpecLoader.load("gantry.yaml", template());
        Spec scaled = SpecLoader.load("gantry.yaml", scalingApi(template()));
        SimHarness h = new SimHarness().prepare(scaled);
        // A running app gains autoscaling on a second service, as a user edits it in.
        assertThat(h.apply(plain).exitCode()).isZero();
        assertThat(mutating(h, scaled)).containsExactlyInAnyOrder("scaling-target.api CREATE", "scaling-policy.api-cpu CREATE");
        var api = new dev.gantry.aws.sim.SimServing.Recorder(h.world, h.time, "api.example.com", "/", "shop-api").start();
        ApplyResult r = h.apply(scaled);
        api.stop();
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(api.samples()).isPositive();
        assertThat(api.outages()).isEmpty();
        assertThat(h.plan(scaled).hasChanges()).isFalse();

        var target = h.aws.scaling().describeScalableTarget("service/shop/shop-api").orElseThrow();
        assertThat(target.min()).isEqualTo(2);
        assertThat(target.max()).isEqualTo(6);
        assertThat(h.aws.scaling().describePolicies("service/shop/shop-api")).singleElement()
                .satisfies(p -> assertThat(p.policyName()).isEqualTo("shop-api-cpu"));
        assertThat(h.aws.scaling().describeScalableTarget("service/shop/shop-web")).isEmpty();

        h.secrets = name -> java.util.Optional.empty();
        h.world.resetCounters();
        assertThat(h.apply(scaled).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();

        // Autoscaling taken out: its policy and target go, the service is told its count again.
        assertThat(mutating(h, plain)).contains("scaling-policy.api-cpu DELETE", "scaling-target.api DELETE");
        assertThat(h.apply(plain).exitCode()).isZero();
        assertThat(h.aws.scaling().describeScalableTarget("service/shop/shop-api")).isEmpty();
        assertThat(h.plan(plain).hasChanges()).isFalse();
    }
}
