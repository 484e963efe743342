package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Alerts;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edit-matrix rows of ServicesEditTest with alerts: a service's alarms follow it when it turns
 * internal or is renamed, the web front is served every simulated second, and the next plan is empty.
 */
class ServicesAlertsEditTest {
    static MetricAlarm alarm(SimHarness h, String name) {
        return h.aws.cloudWatch().describeAlarms(b -> b.alarmNames(name)).metricAlarms().stream().findFirst().orElse(null);
    }

    static ApplyResult applyServingWeb(SimHarness h, Spec spec) {
        SimServing.Recorder web = new SimServing.Recorder(h.world, h.time, "www.example.com", "/", "shop-web").start();
        ApplyResult r = h.apply(spec);
        web.stop();
        assertThat(web.samples()).isGreaterThan(10);
        assertThat(web.outages()).isEmpty();
        return r;
    }

    @Test void aPublicServiceTurnedInternalWatchesItsRunningCountInsteadOfItsTargets() throws Exception {
        String text = ServicesAlertsEndToEndTest.text();
        Spec before = SpecLoader.load("gantry.yaml", text);
        SimHarness h = new SimHarness().prepare(before);
        assertThat(h.apply(before).exitCode()).isZero();

        Spec after = SpecLoader.load("gantry.yaml", text.replace("""
                    public:
                      routes: [api.example.com, www.example.com/api/*]
                      healthCheckPath: /health
                """, """
                    internal: true
                """));
        assertThat(after.services().get("api").internal()).isTrue();
        ApplyResult r = applyServingWeb(h, after);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(alarm(h, "shop-api-unhealthy-targets")).isNull();
        assertThat(alarm(h, "shop-api-below-desired").namespace()).isEqualTo("ECS/ContainerInsights");
        assertThat(ServicesAlertsEndToEndTest.service(h, "shop-api").deploymentConfiguration().alarms().alarmNames())
                .containsExactly("shop-api-below-desired");
        assertThat(h.aws.cloudWatch().describeAlarms(b -> b.alarmNamePrefix("shop-")).metricAlarms()).hasSize(Alerts.alarmCount(after));
        assertThat(h.plan(after).hasChanges()).as(h.plan(after).toString()).isFalse();
    }

    @Test void aRenamedServicesAlarmsAreMadeUnderItsNewNameAndTheOldOnesGo() throws Exception {
        String text = ServicesAlertsEndToEndTest.text();
        Spec before = SpecLoader.load("gantry.yaml", text);
        SimHarness h = new SimHarness().prepare(before);
        assertThat(h.apply(before).exitCode()).isZero();

        Spec after = SpecLoader.load("gantry.yaml", text.replace("\n  api:\n", "\n  backend:\n"));
        ApplyResult r = applyServingWeb(h, after);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        var names = h.aws.cloudWatch().describeAlarms(b -> b.alarmNamePrefix("shop-")).metricAlarms().stream().map(MetricAlarm::alarmName).toList();
        assertThat(names).noneMatch(n -> n.startsWith("shop-api-"))
                .contains("shop-backend-unhealthy-targets", "shop-backend-below-desired", "shop-backend-cpu-high", "shop-backend-memory-high")
                .hasSize(Alerts.alarmCount(after));
        assertThat(h.aws.events().describeRule(b -> b.name("shop-task-stopped")).eventPattern())
                .contains("\"service:shop-backend\"").doesNotContain("\"service:shop-api\"");
        assertThat(h.plan(after).hasChanges()).as(h.plan(after).toString()).isFalse();
    }
}
