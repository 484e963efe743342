package dev.gantry.engine;

import dev.gantry.plan.Address;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code apply --service NAME} applies a service's own alarms with it; the load balancer's are shared. */
class ServiceScopeAlarmsTest {
    @Test void aServicesAlarmsAreItsOwnAndTheLoadBalancersNobodys() throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", Files.readString(Path.of("templates/web-api-worker.yaml")) + "\nalerts: {email: [ops@example.com]}\n");
        for (String kind : new String[] {"unhealthy-targets", "below-desired", "cpu-high", "memory-high"}) {
            assertThat(ServiceScope.owns(spec, "api", Address.of("alarm", "api-" + kind))).as(kind).isTrue();
            assertThat(ServiceScope.owns(spec, "web", Address.of("alarm", "api-" + kind))).as(kind).isFalse();
        }
        for (String kind : new String[] {"5xx-load-balancer", "5xx-app", "latency-p95"}) {
            for (String service : spec.services().keySet()) assertThat(ServiceScope.owns(spec, service, Address.of("alarm", kind))).isFalse();
        }
        assertThat(ServiceScope.owns(spec, "worker", Address.of("event-rule", "task-stopped"))).isFalse();
    }

    @Test void theServiceNamedLikeTheAppOwnsVersion1sAlarmAddresses() throws Exception {
        String migrated = dev.gantry.spec.yaml.SpecMigration.toVersion2("gantry.yaml", Files.readString(Path.of("templates/web-https.yaml")));
        Spec spec = SpecLoader.load("gantry.yaml", migrated + "\nalerts: {email: [ops@example.com]}\n");
        assertThat(ServiceScope.owns(spec, "hello", Address.of("alarm", "cpu-high"))).isTrue();
        assertThat(ServiceScope.owns(spec, "hello", Address.of("alarm", "5xx-app"))).isFalse();
    }
}
