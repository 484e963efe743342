package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.wizard.LookupResults;
import dev.gantry.wizard.Lookups;
import dev.gantry.wizard.Questions;
import dev.gantry.wizard.SpecDraft;
import dev.gantry.wizard.WizardFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The question added in one place (EdgeQuestions): the start-up time before health checks count. */
class InitGracePeriodTest {
    @TempDir Path dir;

    private int init(Captured io, String... args) {
        return io.run(new InitCommand(io.context, (region, profile, endpoint) -> new Lookups.Offline("test: offline")), args);
    }

    @Test
    void itsFlagWritesTheSpecFieldAndAnEditShowsItBack() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Captured io = new Captured(Map.of("TERM", "dumb"));
        assertThat(init(io, "-f", file.toString(), "--app", "hello", "--grace-seconds", "90", "--yes")).as(io.err()).isZero();
        assertThat(SpecLoader.load(file).service().healthCheckGracePeriod()).isEqualTo(90);
        assertThat(Files.readString(file)).contains("  healthCheckGracePeriod: 90\n");

        WizardFlow edit = WizardFlow.editing(LookupResults.offline(), SpecDraft.read(file.toString(), Files.readString(file)));
        assertThat(edit.get("service.healthCheckGracePeriod")).isEqualTo("90");
        assertThat(edit.given("service.healthCheckGracePeriod")).isTrue();
        assertThat(Questions.byId("service.healthCheckGracePeriod").orElseThrow().defaultValue(new WizardFlow(LookupResults.offline()))).isEqualTo("30");
    }

    @Test
    void itIsCheckedByTheSpecsRuleAndOnlyWithALoadBalancer() {
        Captured tooLong = new Captured(Map.of("TERM", "dumb"));
        assertThat(init(tooLong, "-f", dir.resolve("a.yaml").toString(), "--app", "hello", "--grace-seconds", "90000", "--yes")).isEqualTo(2);
        assertThat(tooLong.err()).contains("--grace-seconds 90000: service.healthCheckGracePeriod:").contains("86400");

        Captured worker = new Captured(Map.of("TERM", "dumb"));
        assertThat(init(worker, "-f", dir.resolve("b.yaml").toString(), "--app", "hello", "--no-load-balancer", "--grace-seconds", "60", "--yes"))
                .isEqualTo(2);
        assertThat(worker.err()).contains("--grace-seconds 60: service.healthCheckGracePeriod: applies only with a load balancer");
        assertThat(Files.exists(dir.resolve("a.yaml"))).isFalse();
        assertThat(Files.exists(dir.resolve("b.yaml"))).isFalse();
    }
}
