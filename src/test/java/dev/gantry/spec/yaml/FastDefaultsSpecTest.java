package dev.gantry.spec.yaml;

import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast defaults' fields (issue 24): defaults, AWS's ranges, the rule between two of them, and writing them back. */
class FastDefaultsSpecTest {
    private static final String HEAD = "version: 1\napp: hello\nregion: us-east-1\ntask:\n  image: nginx:1.27\n  port: 80\n";

    private static Diagnostic onlyError(String text) {
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", HEAD + text);
        assertThat(r.errors()).hasSize(1);
        return r.errors().get(0);
    }

    @Test
    void anOldSpecGetsTheFastDefaults() throws Exception {
        Spec s = SpecLoader.load(Path.of("templates", "web-https.yaml"));
        assertThat(s.loadBalancer().healthCheckInterval()).isEqualTo(5);
        assertThat(s.loadBalancer().healthCheckTimeout()).isEqualTo(4);
        assertThat(s.loadBalancer().healthyThreshold()).isEqualTo(2);
        assertThat(s.service().healthCheckGracePeriod()).isEqualTo(30);
        assertThat(s.task().stopTimeout()).isEqualTo(10);
    }

    @Test
    void eachIsOverridable() {
        Spec s = SpecLoader.check("gantry.yaml", HEAD + "  stopTimeout: 60\nservice:\n  healthCheckGracePeriod: 120\n"
                + "loadBalancer:\n  healthCheckInterval: 30\n  healthCheckTimeout: 10\n  healthyThreshold: 5\n  deregistrationDelay: 300\n").spec();
        assertThat(s.task().stopTimeout()).isEqualTo(60);
        assertThat(s.service().healthCheckGracePeriod()).isEqualTo(120);
        assertThat(s.loadBalancer().healthCheckInterval()).isEqualTo(30);
        assertThat(s.loadBalancer().healthCheckTimeout()).isEqualTo(10);
        assertThat(s.loadBalancer().healthyThreshold()).isEqualTo(5);
        assertThat(s.loadBalancer().deregistrationDelay()).isEqualTo(300);
    }

    @Test
    void awsRangesAreCheckedWithFileLineAndField() {
        assertThat(onlyError("loadBalancer:\n  healthCheckInterval: 4\n").render()).startsWith("gantry.yaml:8:24: loadBalancer.healthCheckInterval:");
        assertThat(onlyError("loadBalancer:\n  healthyThreshold: 11\n").field()).isEqualTo("loadBalancer.healthyThreshold");
        assertThat(onlyError("  stopTimeout: 121\n").field()).isEqualTo("task.stopTimeout");
        assertThat(onlyError("service:\n  healthCheckGracePeriod: -1\n").field()).isEqualTo("service.healthCheckGracePeriod");
    }

    @Test
    void theTimeoutMustBeShorterThanTheInterval() {
        Diagnostic d = onlyError("loadBalancer:\n  healthCheckTimeout: 5\n");
        assertThat(d.field()).isEqualTo("loadBalancer.healthCheckTimeout");
        assertThat(d.message()).isEqualTo("healthCheckTimeout (5 s) must be shorter than healthCheckInterval (5 s)");
        assertThat(d.fix()).isEqualTo("e.g. healthCheckInterval: 6 with healthCheckTimeout: 4");
    }

    @Test
    void theWriterKeepsWhatDiffersFromTheDefaultsAndNothingElse(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Spec plain = SpecLoader.load(Path.of("templates", "web-https.yaml"));
        assertThat(SpecWriter.write(plain)).doesNotContain("stopTimeout").doesNotContain("healthCheckInterval").doesNotContain("healthCheckGracePeriod");
        Spec custom = SpecLoader.check("gantry.yaml", HEAD + "  stopTimeout: 60\nservice:\n  healthCheckGracePeriod: 120\n"
                + "loadBalancer:\n  healthCheckInterval: 30\n  healthCheckTimeout: 10\n  healthyThreshold: 5\n").spec();
        Path f = dir.resolve("gantry.yaml");
        Files.writeString(f, SpecWriter.write(custom));
        assertThat(SpecLoader.load(f)).isEqualTo(custom);
    }
}
