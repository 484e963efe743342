package dev.gantry.e2e;

import dev.gantry.aws.sim.ElbState;
import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
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
 * route's path, a host, a service added then removed, a public service made internal, a second
 * internal service, a rename (made beside the old one); the other services are served every
 * simulated second throughout. And a crowded listener: a rule someone else added to the app's
 * listener is never touched.
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
        // The new internal service's own resources, and Service Connect for the app: the cluster's
        // namespace, the group's rule for its port, and the other services as its callers (each a
        // new deployment, after it: their tasks must start after its endpoint to resolve it).
        assertThat(mutating(h, added)).containsExactly("cluster.main UPDATE", "log-group.queue CREATE", "namespace.main CREATE", "role.queue-execution CREATE",
                "role.queue-task CREATE", "security-group.service UPDATE", "service.api UPDATE", "service.queue CREATE", "service.web UPDATE",
                "service.worker UPDATE", "task-definition.queue CREATE");
        assertThat(h.plan(added).changes()).filteredOn(c -> c.address().toString().equals("service.web")).singleElement()
                .satisfies(c -> assertThat(c.dependsOn()).extracting(Object::toString).contains("service.queue"));
        Watch w = Watch.start(h, "/api/orders");
        ApplyResult r = h.apply(added);
        w.stop();
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        w.assertServedThroughout();
        assertThat(h.world.state.ecs.services.values()).filteredOn(s -> s.name.equals("shop-queue") && "ACTIVE".equals(s.status)).hasSize(1);
        for (String caller : List.of("shop-web", "shop-api", "shop-worker")) {
            assertThat(SimServing.blockedCall(h.world, caller, "http://queue:9000")).as(caller).isEmpty();
        }
        assertThat(h.plan(added).hasChanges()).as(h.plan(added).toString()).isFalse();

        // Removing it deletes its resources and turns Service Connect off again; the rest stays.
        assertThat(mutating(h, before)).containsExactly("cluster.main UPDATE", "log-group.queue DELETE", "namespace.main DELETE", "role.queue-execution DELETE",
                "role.queue-task DELETE", "security-group.service UPDATE", "service.api UPDATE", "service.queue DELETE", "service.web UPDATE",
                "service.worker UPDATE", "task-definition.queue DELETE");
        w = Watch.start(h, "/api/orders");
        r = h.apply(before);
        w.stop();
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        w.assertServedThroughout();
        assertThat(h.world.state.ecs.services.values()).filteredOn(s -> "ACTIVE".equals(s.status)).extracting(s -> s.name)
                .containsExactlyInAnyOrder("shop-web", "shop-api", "shop-worker");
        assertThat(h.world.state.logs.groups).doesNotContainKey("/gantry/shop-queue");
        // Service Connect is off again: the namespace ECS made goes with the services it held.
        assertThat(h.world.state.cloudMap.namespaces).isEmpty();
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
        // The web front and the worker become Service Connect callers of the API (a new deployment each).
        assertThat(planned).contains("listener-rule.api-0 DELETE", "listener-rule.api-1 DELETE", "target-group.api DELETE",
                "dns-record.previous-0 DELETE", "service.api REPLACE", "service.web UPDATE", "service.worker UPDATE")
                .noneMatch(c -> c.startsWith("target-group.web") || c.startsWith("task-definition.web") || c.startsWith("load-balancer")
                        || c.startsWith("dns-record.main"));
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
        assertThat(SimServing.blockedCall(h.world, "shop-web", "http://api:8080")).isEmpty();
        assertThat(SimServing.blockedCall(h.world, "shop-worker", "http://api:8080")).isEmpty();
        assertThat(h.plan(after).hasChanges()).as(h.plan(after).toString()).isFalse();
    }

    @Test
    void aSecondInternalServiceIsReachedByEveryRunningServiceAfterItsApply() throws Exception {
        Spec four = load(FourServicesEndToEndTest.text());
        SimHarness h = new SimHarness().prepare(four);
        assertThat(h.apply(four).exitCode()).isZero();
        String search = String.join("\n", "  search:", "    task:", "      image: public.ecr.aws/docker/library/httpd:2.4", "      port: 9100",
                "    internal: true", "", "  # A background worker");
        Spec five = load(FourServicesEndToEndTest.text().replace("  # A background worker", search));

        // The running services already call through Service Connect: their tasks only learn the new
        // endpoint when they start, so each gets a new deployment after search is made.
        Plan plan = h.plan(five);
        assertThat(plan.mutating()).filteredOn(c -> c.address().type().equals("service")).extracting(c -> c.address() + " " + c.action())
                .containsExactlyInAnyOrder("service.search CREATE", "service.web UPDATE", "service.api UPDATE", "service.queue UPDATE", "service.worker UPDATE");
        assertThat(plan.changes()).filteredOn(c -> c.address().toString().equals("service.queue")).singleElement().satisfies(c -> {
            assertThat(c.dependsOn()).extracting(Object::toString).contains("service.search");
            assertThat(c.reason()).contains("Service Connect resolves only the endpoints that existed when a task started");
        });
        Watch w = Watch.start(h, "/api/orders");
        ApplyResult r = h.apply(five);
        w.stop();
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        w.assertServedThroughout();
        for (String caller : List.of("shop-web", "shop-api", "shop-queue", "shop-worker")) {
            assertThat(SimServing.blockedCall(h.world, caller, "http://search:9100")).as(caller).isEmpty();
            assertThat(SimServing.blockedCall(h.world, caller, "http://queue:9000")).as(caller).isEmpty();
        }
        h.secrets = name -> java.util.Optional.empty();
        h.world.resetCounters();
        assertThat(h.apply(five).outcome()).as(h.plan(five).toString()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).isZero();
    }

    @Test
    void withoutTheNewDeploymentTheRunningTasksCouldNotResolveTheNewEndpoint() throws Exception {
        // What the rollout above prevents, seen in the simulated ECS: a service created beside
        // running callers is unknown to their tasks until they are replaced.
        Spec four = load(FourServicesEndToEndTest.text());
        SimHarness h = new SimHarness().prepare(four);
        assertThat(h.apply(four).exitCode()).isZero();
        var queue = h.world.state.ecs.services.values().stream().filter(x -> x.name.equals("shop-queue")).findFirst().orElseThrow();
        queue.serviceConnect.endpointSince = h.world.now().toEpochMilli() + 1;
        assertThat(SimServing.blockedCall(h.world, "shop-web", "http://queue:9000"))
                .contains("shop-web's tasks started before queue's endpoint was made, so they cannot resolve it");
    }

    @Test
    void aRenamedServiceIsMadeBesideTheOldOneWhichGoesOnlyOnceTheNewOneServes() throws Exception {
        Spec before = load(template());
        SimHarness h = new SimHarness().prepare(before);
        assertThat(h.apply(before).exitCode()).isZero();

        Spec after = load(template().replace("\n  api:\n", "\n  backend:\n"));
        assertThat(after.services().keySet()).containsExactly("web", "backend", "worker");
        List<String> planned = mutating(h, after);
        assertThat(planned).contains("service.backend CREATE", "target-group.backend CREATE", "listener-rule.backend-0 CREATE",
                "service.api DELETE", "target-group.api DELETE", "listener-rule.api-0 DELETE");
        // Its URLs are answered throughout, by the old service until the new one's rules take over.
        SimServing.Recorder web = new SimServing.Recorder(h.world, h.time, "www.example.com", "/", "shop-web").start();
        SimServing.Recorder api = new SimServing.Recorder(h.world, h.time, "api.example.com", "/", null).start();
        SimServing.Recorder apiOnWww = new SimServing.Recorder(h.world, h.time, "www.example.com", "/api/x", null).start();
        ApplyResult r = h.apply(after);
        web.stop();
        api.stop();
        apiOnWww.stop();
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(web.outages()).isEmpty();
        assertThat(api.outages()).isEmpty();
        assertThat(apiOnWww.outages()).isEmpty();
        assertThat(SimServing.blocked(h.world, "api.example.com", "/", "shop-backend")).isEmpty();
        assertThat(SimServing.blocked(h.world, "www.example.com", "/api/x", "shop-backend")).isEmpty();
        assertThat(h.world.state.ecs.services.values()).filteredOn(x -> "ACTIVE".equals(x.status)).extracting(x -> x.name)
                .containsExactlyInAnyOrder("shop-web", "shop-backend", "shop-worker");
        assertThat(h.plan(after).hasChanges()).as(h.plan(after).toString()).isFalse();
    }
}
