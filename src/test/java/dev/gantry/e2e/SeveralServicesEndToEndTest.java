package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** templates/web-api-worker.yaml: three services on one load balancer, applied on the simulated AWS. */
class SeveralServicesEndToEndTest {
    private final Spec spec = SimHarness.template("web-api-worker.yaml");

    @Test
    void threeServicesApplyFromEmptyServeEachUrlAndReapplyWithNoMutatingCall() {
        SimHarness h = new SimHarness().prepare(spec);
        // The first plan: each service's own resources under its name, then what they share.
        String plan = dev.gantry.ui.line.PlanText.render(h.plan(spec), dev.gantry.ui.Ansi.NONE);
        assertThat(plan).contains("Service api\n").contains("Service web\n").contains("Service worker\n").contains("Shared by the services");
        assertThat(plan.indexOf("+ listener-rule.api-1")).isBetween(plan.indexOf("Service api\n"), plan.indexOf("Service web\n"));
        assertThat(plan.indexOf("+ load-balancer.main")).isGreaterThan(plan.indexOf("Shared by the services"));
        ApplyResult first = h.apply(spec);
        assertThat(first.exitCode()).as(first.failures().toString()).isZero();

        // Each URL reaches the service its route names, answered by a healthy task of that ECS service.
        assertThat(SimServing.blocked(h.world, "www.example.com", "/", "shop-web")).isEmpty();
        assertThat(SimServing.blocked(h.world, "www.example.com", "/api/orders", "shop-api")).isEmpty();
        assertThat(SimServing.blocked(h.world, "api.example.com", "/", "shop-api")).isEmpty();
        assertThat(SimServing.blocked(h.world, "www.example.com", "/api/orders", "shop-web")).isPresent();
        // The worker runs, reached by nobody.
        assertThat(h.world.state.ecs.services.values()).filteredOn(s -> s.name.equals("shop-worker") && "ACTIVE".equals(s.status))
                .singleElement().satisfies(s -> assertThat(s.loadBalancers).isEmpty());

        // Each service has its own roles; the execution role of a service reads exactly its own secrets.
        var inventory = h.inventory(spec);
        assertThat(inventory).containsKeys("service.web", "service.api", "service.worker", "task-definition.web", "role.api-execution",
                "role.worker-task", "log-group.worker", "target-group.web", "target-group.api", "listener-rule.api-0", "listener-rule.api-1",
                "listener-rule.web-0", "dns-record.main", "dns-record.api-example-com", "parameter.DB_PASSWORD");
        assertThat(inventory).doesNotContainKeys("target-group.worker", "service.main");
        assertThat((java.util.List<?>) inventory.get("role.web-execution").props().get("secretArns")).isEmpty();
        assertThat((java.util.List<?>) inventory.get("role.worker-execution").props().get("secretArns")).hasSize(1);
        assertThat(h.world.state.ssm.params).hasSize(1);

        h.secrets = name -> java.util.Optional.empty();
        h.world.resetCounters();
        ApplyResult again = h.apply(spec);
        assertThat(again.outcome()).as(h.plan(spec).toString()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).isZero();

        assertThat(h.destroy(spec).exitCode()).isZero();
        assertThat(h.taggedLeftovers("shop")).isEmpty();
    }
}
