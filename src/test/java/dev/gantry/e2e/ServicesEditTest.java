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
 * route's path, a host, a service added then removed, a public service made internal; the other
 * services are served every simulated second throughout. And a crowded
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

        /** Every URL answered by its service at every simulated second of the apply. */
        void assertServedThroughout() {
            assertThat(web.samples()).isGreaterThan(10);
            assertThat(web.outages()).isEmpty();
            assertThat(api.outages()).isEmpty();
            assertThat(apiOnWww.outages()).isEmpty();
        }
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

    @Test
    void aServiceIsAddedThenRemovedWhileTheOthersKeepServing() throws Exception {
        Spec before = load(template());
        SimHarness h = new SimHarness().prepare(before);
        assertThat(h.apply(before).exitCode()).isZero();

        Spec added = load(FourServicesEndToEndTest.text());
        // Only the new service's own resources: the others and what they share are left as they are.
        assertThat(mutating(h, added)).containsExactly("log-group.queue CREATE", "role.queue-execution CREATE", "role.queue-task CREATE",
                "service.queue CREATE", "task-definition.queue CREATE");
        Watch w = Watch.start(h, "/api/orders");
        ApplyResult r = h.apply(added);
        w.stop();
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        w.assertServedThroughout();
        assertThat(h.world.state.ecs.services.values()).filteredOn(s -> s.name.equals("shop-queue") && "ACTIVE".equals(s.status)).hasSize(1);
        assertThat(h.plan(added).hasChanges()).as(h.plan(added).toString()).isFalse();

        // Removing it deletes its resources and nothing else.
        assertThat(mutating(h, before)).containsExactly("log-group.queue DELETE", "role.queue-execution DELETE", "role.queue-task DELETE",
                "service.queue DELETE", "task-definition.queue DELETE");
        w = Watch.start(h, "/api/orders");
        r = h.apply(before);
        w.stop();
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        w.assertServedThroughout();
        assertThat(h.world.state.ecs.services.values()).filteredOn(s -> "ACTIVE".equals(s.status)).extracting(s -> s.name)
                .containsExactlyInAnyOrder("shop-web", "shop-api", "shop-worker");
        assertThat(h.world.state.logs.groups).doesNotContainKey("/gantry/shop-queue");
        assertThat(h.plan(before).hasChanges()).isFalse();
    }

    @Test
    void aPublicServiceBecomesInternalWhileTheWebFrontKeepsServing() throws Exception {
        Spec before = load(template());
        SimHarness h = new SimHarness().prepare(before);
        assertThat(h.apply(before).exitCode()).isZero();

        String internal = template().replace("""
                    public:
                      routes: [api.example.com, www.example.com/api/*]
                      healthCheckPath: /health
                """, """
                    internal: true
                """);
        assertThat(internal).isNotEqualTo(template());
        Spec after = load(internal);
        List<String> planned = mutating(h, after);
        // Its routes, record and target group go (the web front, alone, becomes the listener's default:
        // its rule goes too); the web front's service, group and record and the load balancer stay.
        // ECS gives a service that loses its load balancer a new one (ServiceType.forcesReplace).
        assertThat(planned).contains("listener-rule.api-0 DELETE", "listener-rule.api-1 DELETE", "target-group.api DELETE",
                "dns-record.previous-0 DELETE", "service.api REPLACE").noneMatch(c -> c.startsWith("service.web") || c.startsWith("target-group.web")
                || c.startsWith("task-definition.web") || c.startsWith("load-balancer") || c.startsWith("dns-record.main"));
        SimServing.Recorder web = new SimServing.Recorder(h.world, h.time, "www.example.com", "/", "shop-web").start();
        ApplyResult r = h.apply(after);
        web.stop();
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(web.samples()).isGreaterThan(10);
        assertThat(web.outages()).isEmpty();
        // No URL reaches the API any more; its service runs on, outside the load balancer.
        assertThat(SimServing.blocked(h.world, "api.example.com", "/", null)).contains("api.example.com does not resolve");
        assertThat(SimServing.blocked(h.world, "www.example.com", "/api/orders", "shop-web")).isEmpty();
        assertThat(h.world.state.ecs.services.values()).filteredOn(s -> s.name.equals("shop-api") && "ACTIVE".equals(s.status))
                .singleElement().satisfies(s -> assertThat(s.loadBalancers).isEmpty());
        assertThat(h.world.state.ecs.tasks.values()).filteredOn(t -> "shop-api".equals(t.service) && t.stoppedAt == null
                && "RUNNING".equals(t.lastStatus)).hasSize(2);
        assertThat(h.plan(after).hasChanges()).as(h.plan(after).toString()).isFalse();
    }
}
