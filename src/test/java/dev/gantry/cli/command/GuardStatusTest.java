package dev.gantry.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.cli.edge.Captured;
import dev.gantry.guard.GuardHandler;
import dev.gantry.spec.Guard;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** gantry guard status and gantry status show the guard's last run, what it repaired and reported, and its schedule (issue 25, item 3). */
class GuardStatusTest {
    static AppContextWorld guarded(Spec spec) {
        AppContextWorld w = new AppContextWorld();
        w.world.functionRuntime(GuardHandler.HANDLER, (payload, log) -> GuardHandler.handle(payload, w.aws, w.time, log));
        w.applied(spec);
        w.world.runDueFunctions();
        return w;
    }

    static void deleteHttpListener(AppContextWorld w) {
        String lb = w.aws.elb().describeLoadBalancers(b -> b.names("hello-alb")).loadBalancers().get(0).loadBalancerArn();
        var l = w.aws.elb().describeListeners(b -> b.loadBalancerArn(lb)).listeners().stream().filter(x -> x.port() == 80).findFirst().orElseThrow();
        w.aws.elb().deleteListener(b -> b.listenerArn(l.listenerArn()));
    }

    @Test void guard_status_shows_the_schedule_and_what_the_last_run_repaired_in_text_and_json() throws Exception {
        Spec spec = AppContextWorld.template("web-https.yaml").withGuard(new Guard(5, Guard.Repair.SAFE));
        AppContextWorld w = guarded(spec);
        deleteHttpListener(w);
        w.time.advance(Duration.ofMinutes(5));
        w.world.runDueFunctions();

        assertThat(w.run(spec, d -> GuardStatusCommand.run(d, false))).as(w.out()).isZero();
        assertThat(w.out()).contains("Guard        every 5m, repair: safe (schedule gantry-guard enabled, rate(5 minutes); function active)")
                .containsPattern("Last run     \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ: repaired 1 \\(listener.http\\), reported 0")
                .contains("✓ repaired listener.http: made again");

        w.streams.clear();
        w.run(spec, d -> GuardStatusCommand.run(d, true));
        JsonNode j = new ObjectMapper().readTree(w.out());
        assertThat(j.get("installed").asBoolean()).isTrue();
        assertThat(j.get("schedule").asText()).isEqualTo("rate(5 minutes)");
        assertThat(j.at("/lastRun/outcome").asText()).isEqualTo("repaired");
        assertThat(j.at("/lastRun/repaired/0/address").asText()).isEqualTo("listener.http");
        assertThat(j.at("/lastRun/reported")).isEmpty();
    }

    @Test void status_has_a_guard_line_and_a_guard_object() throws Exception {
        Spec spec = AppContextWorld.template("web-https.yaml").withGuard(new Guard(10, Guard.Repair.REPORT));
        AppContextWorld w = guarded(spec);
        deleteHttpListener(w);
        w.time.advance(Duration.ofMinutes(10));
        w.world.runDueFunctions();

        w.run(spec, d -> StatusCommand.run(d, false, false));
        assertThat(w.out()).contains("Guard        every 10m, repair: report").contains("Guard's run  ").contains("reported 1 (listener.http)");
        w.streams.clear();
        w.run(spec, d -> StatusCommand.run(d, true, false));
        JsonNode j = new ObjectMapper().readTree(w.out());
        assertThat(j.at("/guard/repair").asText()).isEqualTo("report");
        assertThat(j.at("/guard/lastRun/outcome").asText()).isEqualTo("reported");
        assertThat(j.at("/guard/lastRun/reported/0/address").asText()).isEqualTo("listener.http");
    }

    @Test void a_spec_without_a_guard_has_null_guard_and_guard_status_is_refused_with_exit_2() throws Exception {
        Spec spec = AppContextWorld.template("web-https.yaml");
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        w.run(spec, d -> StatusCommand.run(d, true, false));
        assertThat(new ObjectMapper().readTree(w.out()).get("guard").isNull()).isTrue();

        java.nio.file.Path home = java.nio.file.Files.createTempDirectory("gantry-home");
        Captured c = new Captured(java.util.Map.of("GANTRY_HOME", home.toString(), "HOME", home.toString()));
        String file = java.nio.file.Path.of("templates/web-https.yaml").toAbsolutePath().toString();
        assertThat(c.gantry("guard", "status", "-f", file, "--simulate")).isEqualTo(2);
        assertThat(c.err()).contains("no guard section").contains("fix: add 'guard: {every: 5m, repair: safe}'");
        assertThat(c.out()).isEmpty();
    }

    @Test void guard_status_takes_env_and_an_environments_guard_runs_clean() throws Exception {
        java.nio.file.Path home = java.nio.file.Files.createTempDirectory("gantry-home");
        java.nio.file.Path file = home.resolve("gantry.yaml");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(java.nio.file.Path.of("templates/worker.yaml"))
                + "\nguard: {every: 5m, repair: safe}\nenvironments:\n  production: {}\n  staging: {service: {desiredCount: 1}}\n");
        java.util.Map<String, String> env = java.util.Map.of("GANTRY_HOME", home.toString(), "HOME", home.toString(), "GANTRY_SIM_SPEED", "100000");
        Captured apply = new Captured(env);
        assertThat(apply.gantry("apply", "-f", file.toString(), "--simulate", "--env", "staging", "--yes")).as(apply.err()).isZero();
        Captured c = new Captured(env);
        assertThat(c.gantry("guard", "status", "-f", file.toString(), "--simulate", "--env", "staging")).as(c.err()).isZero();
        assertThat(c.out()).contains("worker-staging").doesNotContain("failed").doesNotContain("not valid");
    }
}
