package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21's end-to-end app: a public web front on www, a public API on api.example.com and on
 * /api/ of www, an internal API the worker calls, and the worker. From an empty account it
 * applies, every URL reaches the service its route names, the internal API is reached by no URL,
 * and a second apply makes no mutating call.
 */
class FourServicesEndToEndTest {
    /** templates/web-api-worker.yaml with an internal API named queue between api and worker. */
    static String text() throws Exception {
        String queue = String.join("\n",
                "  # An internal API: reached by the app's other services, never from the internet.",
                "  queue:",
                "    task:",
                "      image: public.ecr.aws/docker/library/httpd:2.4",
                "      port: 9000",
                "    service:",
                "      desiredCount: 1",
                "    internal: true",
                "",
                "  # A background worker");
        return Files.readString(Path.of("templates/web-api-worker.yaml")).replace("  # A background worker", queue);
    }

    @Test
    void applyFromEmptyServeEachUrlByItsServiceAndReapplyWithNoMutatingCall() throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", text());
        assertThat(spec.services().keySet()).containsExactly("web", "api", "queue", "worker");
        SimHarness h = new SimHarness().prepare(spec);
        // The plan says who may call whom.
        String plan = dev.gantry.ui.line.PlanText.render(h.plan(spec), dev.gantry.ui.Ansi.NONE);
        assertThat(plan).contains("the app's services (web, api, queue, worker) may call queue at http://queue:9000, on that port only")
                .contains("the app's services call it at http://queue:9000").contains("calls http://queue:9000 through Service Connect")
                .contains("with the Cloud Map namespace shop for Service Connect");
        ApplyResult first = h.apply(spec);
        assertThat(first.exitCode()).as(first.failures().toString()).isZero();

        // Each URL is answered by a healthy task of the service its route names, and only by it.
        assertThat(SimServing.blocked(h.world, "www.example.com", "/", "shop-web")).isEmpty();
        assertThat(SimServing.blocked(h.world, "www.example.com", "/about/team", "shop-web")).isEmpty();
        assertThat(SimServing.blocked(h.world, "www.example.com", "/api/orders", "shop-api")).isEmpty();
        assertThat(SimServing.blocked(h.world, "api.example.com", "/", "shop-api")).isEmpty();
        assertThat(SimServing.blocked(h.world, "api.example.com", "/v1/orders", "shop-api")).isEmpty();
        assertThat(SimServing.blocked(h.world, "www.example.com", "/api/orders", "shop-web")).isPresent();
        assertThat(SimServing.blocked(h.world, "api.example.com", "/", "shop-web")).isPresent();
        // No URL reaches the internal API or the worker: no record, no target group, no rule.
        for (String host : new String[] {"www.example.com", "api.example.com"}) {
            for (String path : new String[] {"/", "/queue", "/api/queue"}) {
                assertThat(SimServing.blocked(h.world, host, path, "shop-queue")).as(host + path).isPresent();
                assertThat(SimServing.blocked(h.world, host, path, "shop-worker")).as(host + path).isPresent();
            }
        }
        assertThat(SimServing.blocked(h.world, "queue.example.com", "/", null)).contains("queue.example.com does not resolve");
        assertThat(h.world.state.elb.targetGroups.values()).extracting(t -> t.name).containsExactlyInAnyOrder("shop-web-tg-80", "shop-api-tg-8080");
        assertThat(h.world.state.ecs.services.values()).filteredOn(s -> "ACTIVE".equals(s.status))
                .extracting(s -> s.name).containsExactlyInAnyOrder("shop-web", "shop-api", "shop-queue", "shop-worker");
        assertThat(h.world.state.ecs.services.values()).filteredOn(s -> s.name.equals("shop-queue"))
                .singleElement().satisfies(s -> assertThat(s.loadBalancers).isEmpty());
        // Every service of the app calls the internal API by name; nothing else is a name to call.
        for (String caller : new String[] {"shop-web", "shop-api", "shop-worker"}) {
            assertThat(SimServing.blockedCall(h.world, caller, "http://queue:9000")).as(caller).isEmpty();
            assertThat(SimServing.blockedCall(h.world, caller, "http://api:8080")).as(caller)
                    .contains("api:8080 is no Service Connect endpoint in " + caller + "'s namespace");
        }
        assertThat(SimServing.blockedCall(h.world, "shop-web", "http://queue:9001")).isPresent();
        // The service group opens the internal port to the app's own tasks only, and each public port to the load balancer only.
        var serviceGroup = h.world.state.ec2.securityGroups.values().stream().filter(g -> g.name.equals("shop-service")).findFirst().orElseThrow();
        assertThat(serviceGroup.ingress).allSatisfy(p -> assertThat(p.cidr).isNull())
                .anySatisfy(p -> { assertThat(p.fromPort).isEqualTo(9000); assertThat(p.sourceGroupId).isEqualTo(serviceGroup.id); })
                .noneSatisfy(p -> { assertThat(p.fromPort).isIn(80, 8080); assertThat(p.sourceGroupId).isEqualTo(serviceGroup.id); });
        // Each running service has its tasks up.
        for (String service : new String[] {"shop-web", "shop-api", "shop-queue", "shop-worker"}) {
            assertThat(h.world.state.ecs.tasks.values()).as(service)
                    .filteredOn(t -> service.equals(t.service) && t.stoppedAt == null && "RUNNING".equals(t.lastStatus)).isNotEmpty();
        }

        h.secrets = name -> Optional.empty();
        h.world.resetCounters();
        ApplyResult again = h.apply(spec);
        assertThat(again.outcome()).as(h.plan(spec).toString()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).isZero();

        assertThat(h.destroy(spec).exitCode()).isZero();
        assertThat(h.taggedLeftovers("shop")).isEmpty();
        // ECS never deletes the namespace it made for the cluster's Service Connect: destroy does.
        assertThat(h.world.state.cloudMap.namespaces).isEmpty();
    }
}
