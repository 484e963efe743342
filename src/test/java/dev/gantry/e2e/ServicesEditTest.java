package dev.gantry.e2e;

import dev.gantry.aws.sim.ElbState;
import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Change;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edit-matrix rows for several services (templates/web-api-worker.yaml): one service's image, a
 * route's path; the other services are served every simulated second throughout. And a crowded
 * listener: a rule someone else added to the app's listener is never touched.
 */
class ServicesEditTest {
    private static String template() throws Exception { return Files.readString(Path.of("templates/web-api-worker.yaml")); }

    private static Spec load(String text) throws Exception { return SpecLoader.load("gantry.yaml", text); }

    private static List<String> mutating(SimHarness h, Spec spec) {
        return h.plan(spec).mutating().stream().map(c -> c.address() + " " + c.action()).sorted().toList();
    }

    private record Watch(SimServing.Recorder web, SimServing.Recorder api, SimServing.Recorder apiOnWww) {
        static Watch start(SimHarness h, String apiPath) {
            return new Watch(new SimServing.Recorder(h.world, h.time, "www.example.com", "/", "shop-web").start(),
                    new SimServing.Recorder(h.world, h.time, "api.example.com", "/", "shop-api").start(),
                    new SimServing.Recorder(h.world, h.time, "www.example.com", apiPath, "shop-api").start());
        }

        void stop() { web.stop(); api.stop(); apiOnWww.stop(); }
    }

    @Test
    void oneServicesImageChangesWhileEveryServiceKeepsServing() throws Exception {
        Spec before = load(template());
        SimHarness h = new SimHarness().prepare(before);
        assertThat(h.apply(before).exitCode()).isZero();

        Spec after = load(template().replace("httpd:2.4", "httpd:2.4.62"));
        assertThat(mutating(h, after)).containsExactly("service.api UPDATE", "task-definition.api UPDATE");
        // The plan groups the changes by service.
        String text = dev.gantry.ui.line.PlanText.render(h.plan(after), dev.gantry.ui.Ansi.NONE);
        assertThat(text).startsWith("Service api\n").contains("~ task-definition.api").doesNotContain("Shared by the services");
        Watch w = Watch.start(h, "/api/orders");
        ApplyResult r = h.apply(after);
        w.stop();
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(w.web().outages()).isEmpty();
        assertThat(w.api().outages()).isEmpty();
        assertThat(w.apiOnWww().outages()).isEmpty();
        assertThat(w.web().samples()).isGreaterThan(10);
        assertThat(h.plan(after).hasChanges()).isFalse();
    }

    @Test
    void aRoutesPathMovesWhileTheOtherRoutesKeepServing() throws Exception {
        Spec before = load(template());
        SimHarness h = new SimHarness().prepare(before);
        assertThat(h.apply(before).exitCode()).isZero();

        Spec after = load(template().replace("www.example.com/api/*", "www.example.com/v2/*"));
        assertThat(mutating(h, after)).containsExactly("listener-rule.api-1 UPDATE");
        SimServing.Recorder web = new SimServing.Recorder(h.world, h.time, "www.example.com", "/", "shop-web").start();
        SimServing.Recorder api = new SimServing.Recorder(h.world, h.time, "api.example.com", "/", "shop-api").start();
        ApplyResult r = h.apply(after);
        web.stop();
        api.stop();
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(web.outages()).isEmpty();
        assertThat(api.outages()).isEmpty();
        assertThat(SimServing.blocked(h.world, "www.example.com", "/v2/orders", "shop-api")).isEmpty();
        assertThat(SimServing.blocked(h.world, "www.example.com", "/api/orders", "shop-web")).isEmpty();
        assertThat(h.plan(after).hasChanges()).isFalse();
    }

    @Test
    void aRuleSomeoneElseAddedToTheAppsListenerIsNeverTouched() throws Exception {
        Spec spec = load(template());
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        ElbState.ListenerRec https = h.world.state.elb.listeners.values().stream().filter(l -> l.port == 443).findFirst().orElseThrow();
        String webGroup = h.world.state.elb.targetGroups.values().stream().filter(t -> t.name.equals("shop-web-tg-80")).findFirst().orElseThrow().arn;
        // A person's rule, in the very slot gantry uses for path routes of www.example.com's length.
        int mine = dev.gantry.resources.Routing.slotStart(dev.gantry.spec.Route.parse("www.example.com/v2/*"));
        String theirs = h.aws.elb().createRule(b -> b.listenerArn(https.arn).priority(mine)
                .conditions(RuleCondition.builder().field("host-header").hostHeaderConfig(c -> c.values("admin.example.com")).build())
                .actions(Action.builder().type("forward").targetGroupArn(webGroup).build())).rules().get(0).ruleArn();

        h.secrets = name -> java.util.Optional.empty();
        h.world.resetCounters();
        assertThat(h.apply(spec).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).isZero();

        // gantry's rule moves into that slot: it takes the next free priority, theirs stays as it was.
        Spec moved = load(template().replace("www.example.com/api/*", "www.example.com/v2/*"));
        assertThat(h.apply(moved).exitCode()).isZero();
        ElbState.RuleRec kept = h.world.state.elb.rules.get(theirs);
        assertThat(kept.priority).isEqualTo(mine);
        assertThat(kept.conditions.get(0).values).containsExactly("admin.example.com");
        assertThat(h.world.state.elb.rulesOf(https.arn)).extracting(rule -> rule.priority).doesNotHaveDuplicates().contains(mine + 1);
        assertThat(h.plan(moved).hasChanges()).isFalse();
        assertThat(h.plan(moved).changes()).extracting(Change::address).noneMatch(a -> a.toString().contains(theirs));
    }

    @Test
    void aServicesHostChangesWhileTheOtherServiceKeepsServing() throws Exception {
        Spec before = load(template());
        SimHarness h = new SimHarness().prepare(before);
        assertThat(h.apply(before).exitCode()).isZero();

        Spec after = load(template().replace("routes: [api.example.com,", "routes: [shop-api.example.com,"));
        SimServing.Recorder web = new SimServing.Recorder(h.world, h.time, "www.example.com", "/", "shop-web").start();
        SimServing.Recorder apiOnWww = new SimServing.Recorder(h.world, h.time, "www.example.com", "/api/x", "shop-api").start();
        ApplyResult r = h.apply(after);
        web.stop();
        apiOnWww.stop();
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(web.outages()).isEmpty();
        assertThat(apiOnWww.outages()).isEmpty();
        assertThat(SimServing.blocked(h.world, "shop-api.example.com", "/", "shop-api")).isEmpty();
        assertThat(SimServing.blocked(h.world, "api.example.com", "/", null)).isPresent();
        assertThat(h.plan(after).hasChanges()).as(h.plan(after).toString()).isFalse();
    }
}
