package dev.gantry.e2e;

import dev.gantry.guard.GuardRun;
import dev.gantry.spec.Environment;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.spec.yaml.StoredSpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard of an environment: its stored spec carries the tags gantry adds for the environment
 * (which a spec may not name itself), so the guard reads it and keeps the environment's own
 * resources, names and tags.
 */
class GuardEnvironmentTest {

    static Spec staging() throws Exception {
        String text = Files.readString(Path.of("templates/web-https.yaml"))
                + "\nguard:\n  every: 5m\n  repair: safe\n"
                + "environments:\n  production: {}\n  staging:\n    certificate: {domain: staging.example.com}\n    dns: {record: staging.example.com}\n    task: {secrets: {DB_PASSWORD: {parameter: /hello-staging/db-password}}}\n";
        var checked = SpecLoader.check("gantry.yaml", text, "staging", null);
        assertThat(checked.errors()).isEmpty();
        return checked.spec();
    }

    @Test void the_stored_spec_of_an_environment_reads_back_as_the_same_spec() throws Exception {
        Spec spec = staging();
        assertThat(spec.tags()).containsEntry(Environment.TAG, "staging");
        String text = StoredSpec.write(spec);
        assertThat(text).startsWith("# gantry:env=staging\n").doesNotContain("gantry:env: ");
        Spec back = StoredSpec.read("ssm:/gantry/guard/hello-staging/spec", text);
        assertThat(back).isEqualTo(spec);
    }

    @Test void the_guard_of_an_environment_puts_back_a_deleted_listener() throws Exception {
        Spec spec = staging();
        SimHarness h = GuardEndToEndTest.installed(spec);
        GuardEndToEndTest.deleteListenerOnPort(h, "hello-staging-alb", 80);

        GuardEndToEndTest.onePeriod(h);

        GuardRun last = GuardRun.read(h.aws.ssm(), "hello-staging").orElseThrow();
        assertThat(last.outcome()).as(last.toString()).isEqualTo(GuardRun.Outcome.REPAIRED);
        assertThat(GuardEndToEndTest.listeners(h, "hello-staging-alb")).extracting(Listener::port).containsExactlyInAnyOrder(80, 443);
        assertThat(h.plan(spec).hasChanges()).isFalse();
    }
}
