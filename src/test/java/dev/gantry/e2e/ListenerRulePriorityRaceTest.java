package dev.gantry.e2e;

import dev.gantry.aws.sim.SimFaults;
import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyResult;
import dev.gantry.resources.Routing;
import dev.gantry.spec.Route;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule chooses the lowest free priority of its slot, then creates itself with it; between the two
 * another rule may take that priority (the app's own rule of the same slot, made at the same time
 * on another thread, as moto showed: api.example.com and www.example.com share the host slot; or a
 * person's). ELB answers PriorityInUse, and the rule reads the listener again and takes the next.
 */
class ListenerRulePriorityRaceTest {
    /** web on www.example.com and api on api.example.com: two host routes, one slot. */
    static Spec hostsOnly() throws Exception {
        return SpecLoader.load("gantry.yaml", Files.readString(Path.of("templates/web-api-worker.yaml"))
                .replace("routes: [api.example.com, www.example.com/api/*]", "routes: [api.example.com]"));
    }

    @Test void a_priority_taken_between_the_read_and_the_create_is_read_again_and_the_next_one_taken() throws Exception {
        Spec spec = hostsOnly();
        SimHarness h = new SimHarness().prepare(spec);
        int slot = Routing.slotStart(Route.parse("www.example.com"));
        assertThat(Routing.slotStart(Route.parse("api.example.com"))).isEqualTo(slot);
        List<String> theirs = new ArrayList<>();
        SimFaults.of(h.world).beforeNext("elasticloadbalancing:CreateRule", () -> {
            String lb = h.aws.elb().describeLoadBalancers(b -> b.names("shop-alb")).loadBalancers().get(0).loadBalancerArn();
            String https = h.aws.elb().describeListeners(b -> b.loadBalancerArn(lb)).listeners().stream()
                    .filter(l -> l.port() == 443).findFirst().orElseThrow().listenerArn();
            for (int p = slot; p < slot + 2; p++) {
                int priority = p;
                theirs.add(h.aws.elb().createRule(b -> b.listenerArn(https).priority(priority)
                        .conditions(RuleCondition.builder().field("host-header").hostHeaderConfig(c -> c.values("admin" + priority + ".example.com")).build())
                        .actions(Action.builder().type("fixed-response").fixedResponseConfig(f -> f.statusCode("404")).build())).rules().get(0).ruleArn());
            }
        });

        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(theirs).hasSize(2);

        String lb = h.aws.elb().describeLoadBalancers(b -> b.names("shop-alb")).loadBalancers().get(0).loadBalancerArn();
        String https = h.aws.elb().describeListeners(b -> b.loadBalancerArn(lb)).listeners().stream()
                .filter(l -> l.port() == 443).findFirst().orElseThrow().listenerArn();
        List<Rule> rules = h.aws.elb().describeRules(b -> b.listenerArn(https)).rules().stream().filter(x -> !x.isDefault()).toList();
        // The person's two rules kept their priorities; the app's two took the next free ones of the slot.
        assertThat(rules).filteredOn(x -> theirs.contains(x.ruleArn())).extracting(Rule::priority)
                .containsExactlyInAnyOrder(String.valueOf(slot), String.valueOf(slot + 1));
        assertThat(rules).filteredOn(x -> !theirs.contains(x.ruleArn())).extracting(Rule::priority)
                .containsExactlyInAnyOrder(String.valueOf(slot + 2), String.valueOf(slot + 3));
        assertThat(SimServing.blocked(h.world, "api.example.com", "/", "shop-api")).isEmpty();
        assertThat(SimServing.blocked(h.world, "www.example.com", "/", "shop-web")).isEmpty();

        h.secrets = name -> java.util.Optional.empty();
        h.world.resetCounters();
        assertThat(h.apply(spec).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).isZero();
    }
}
