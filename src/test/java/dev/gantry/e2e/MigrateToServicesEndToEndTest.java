package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.spec.yaml.SpecMigration;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21, item 3: a running version-1 stack moves to version 2 without replacing anything; a
 * second service added next to it comes up while the first is served every simulated second.
 */
class MigrateToServicesEndToEndTest {
    /** A second, public service beside the migrated one (AlertsUpgradeTest adds it too). */
    static final String API = """
              api:
                task:
                  image: public.ecr.aws/docker/library/httpd:2.4
                  port: 8080
                service:
                  desiredCount: 1
                public:
                  routes: [hello.example.com/api/*]
                  healthCheckPath: /health
            """;

    @Test
    void applyV1MigratePlanEmptyAddAServiceWhileTheFirstIsServed() throws Exception {
        String v1Text = Files.readString(Path.of("templates/web-https.yaml"));
        Spec v1 = SpecLoader.load("gantry.yaml", v1Text);
        SimHarness h = new SimHarness().prepare(v1);
        assertThat(h.apply(v1).exitCode()).isZero();

        String v2Text = SpecMigration.toVersion2("gantry.yaml", v1Text);
        Spec v2 = SpecLoader.load("gantry.yaml", v2Text);
        assertThat(h.plan(v2).hasChanges()).as(h.plan(v2).toString()).isFalse();

        String withApi = v2Text.replace("\n# A public Application Load Balancer", API + "\n# A public Application Load Balancer");
        Spec two = SpecLoader.load("gantry.yaml", withApi);
        assertThat(two.services().keySet()).containsExactly("hello", "api");
        SimServing.Recorder hello = new SimServing.Recorder(h.world, h.time, "hello.example.com", "/", "hello").start();
        ApplyResult added = h.apply(two);
        hello.stop();
        assertThat(added.exitCode()).as(added.failures().toString()).isZero();
        assertThat(hello.samples()).isGreaterThan(10);
        assertThat(hello.outages()).isEmpty();
        assertThat(SimServing.blocked(h.world, "hello.example.com", "/api/x", "hello-api")).isEmpty();
        assertThat(SimServing.blocked(h.world, "hello.example.com", "/", "hello")).isEmpty();
        assertThat(h.plan(two).hasChanges()).as(h.plan(two).toString()).isFalse();

        // And back: the second service goes, the first is still served throughout.
        hello = new SimServing.Recorder(h.world, h.time, "hello.example.com", "/", "hello").start();
        ApplyResult removed = h.apply(v2);
        hello.stop();
        assertThat(removed.exitCode()).as(removed.failures().toString()).isZero();
        assertThat(hello.outages()).isEmpty();
        assertThat(h.world.state.ecs.services.values()).filteredOn(s -> "ACTIVE".equals(s.status)).extracting(s -> s.name).containsExactly("hello");
        assertThat(h.plan(v2).hasChanges()).as(h.plan(v2).toString()).isFalse();
    }
}
