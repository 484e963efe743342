package dev.gantry.aws.sim;

import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulated ELB's listener rules: AWS's priorities, conditions, limits and evaluation order. */
class SimElbRulesTest {
    private final VirtualScheduler time = new VirtualScheduler();
    private SimWorld world;
    private SimElb elb;
    private Listener listener;
    private TargetGroup web, api;

    @BeforeEach
    void setUp() {
        world = new SimWorld(new SimState(), time, SimLatency.realistic());
        elb = new SimElb(world, FakeNetwork.standard());
        LoadBalancer lb = elb.createLoadBalancer(b -> b.name("shop-alb").subnets("subnet-a", "subnet-b").securityGroups("sg-lb")).loadBalancers().get(0);
        web = tg("shop-tg-80");
        api = tg("shop-api-tg-8080");
        listener = elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(forward(web))).listeners().get(0);
    }

    private TargetGroup tg(String name) {
        return elb.createTargetGroup(b -> b.name(name).protocol(ProtocolEnum.HTTP).port(80).vpcId("vpc-1").targetType(TargetTypeEnum.IP))
                .targetGroups().get(0);
    }

    private static Action forward(TargetGroup tg) {
        return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn()).build();
    }

    private static RuleCondition host(String... values) {
        return RuleCondition.builder().field("host-header").hostHeaderConfig(h -> h.values(values)).build();
    }

    private static RuleCondition path(String... values) {
        return RuleCondition.builder().field("path-pattern").pathPatternConfig(p -> p.values(values)).build();
    }

    private Rule rule(int priority, TargetGroup to, RuleCondition... conditions) {
        return elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(priority).conditions(conditions).actions(forward(to))).rules().get(0);
    }

    private String answering(String host, String path) {
        ElbState.ListenerRec l = world.state.elb.listeners.get(listener.listenerArn());
        return world.state.elb.actionsFor(l, host, path).get(0).targetGroupArn;
    }

    private static String code(Throwable t) { return ((AwsServiceException) t).awsErrorDetails().errorCode(); }

    @Test
    void rulesAreEvaluatedLowestPriorityFirstWithTheDefaultActionLast() {
        rule(20, api, host("api.example.com"));
        rule(10, api, host("www.example.com"), path("/api/*"));
        assertThat(answering("www.example.com", "/api/orders")).isEqualTo(api.targetGroupArn());
        assertThat(answering("WWW.example.com", "/api/")).isEqualTo(api.targetGroupArn()); // hosts ignore case
        assertThat(answering("www.example.com", "/API/x")).isEqualTo(web.targetGroupArn()); // paths do not
        assertThat(answering("www.example.com", "/")).isEqualTo(web.targetGroupArn());
        assertThat(answering("api.example.com", "/anything")).isEqualTo(api.targetGroupArn());
        List<Rule> described = elb.describeRules(b -> b.listenerArn(listener.listenerArn())).rules();
        assertThat(described).extracting(Rule::priority).containsExactly("10", "20", "default");
        assertThat(described.get(2).isDefault()).isTrue();
    }

    @Test
    void aPriorityIsUniquePerListenerAndWithinItsRange() {
        rule(10, api, host("api.example.com"));
        assertThatThrownBy(() -> rule(10, api, host("b.example.com"))).isInstanceOf(PriorityInUseException.class);
        assertThatThrownBy(() -> rule(0, api, host("b.example.com"))).satisfies(t -> assertThat(code(t)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> rule(50001, api, host("b.example.com"))).satisfies(t -> assertThat(code(t)).isEqualTo("ValidationError"));
        assertThat(rule(50000, api, host("b.example.com")).priority()).isEqualTo("50000");
    }

    @Test
    void atMostFiveConditionValuesPerRule() {
        assertThatThrownBy(() -> rule(1, api, host("a.example.com", "b.example.com", "c.example.com"), path("/a", "/b", "/c")))
                .satisfies(t -> assertThat(t.getMessage()).contains("'5' condition values"));
        assertThat(rule(1, api, host("a.example.com", "b.example.com"), path("/a", "/b", "/c")).conditions()).hasSize(2);
    }

    @Test
    void prioritiesMoveTogetherAndRulesModifyAndDelete() {
        Rule a = rule(1, api, host("a.example.com"));
        Rule b = rule(2, api, host("b.example.com"));
        elb.setRulePriorities(x -> x.rulePriorities(RulePriorityPair.builder().ruleArn(a.ruleArn()).priority(2).build(),
                RulePriorityPair.builder().ruleArn(b.ruleArn()).priority(1).build()));
        assertThat(elb.describeRules(x -> x.listenerArn(listener.listenerArn())).rules()).extracting(Rule::ruleArn)
                .startsWith(b.ruleArn(), a.ruleArn());
        elb.modifyRule(x -> x.ruleArn(a.ruleArn()).conditions(host("c.example.com")));
        assertThat(answering("c.example.com", "/")).isEqualTo(api.targetGroupArn());
        assertThat(answering("a.example.com", "/")).isEqualTo(web.targetGroupArn());
        elb.deleteRule(x -> x.ruleArn(a.ruleArn()));
        assertThatThrownBy(() -> elb.deleteRule(x -> x.ruleArn(a.ruleArn()))).isInstanceOf(RuleNotFoundException.class);
    }

    @Test
    void aTargetGroupARuleForwardsToIsInUse() {
        rule(1, api, host("api.example.com"));
        assertThatThrownBy(() -> elb.deleteTargetGroup(b -> b.targetGroupArn(api.targetGroupArn()))).isInstanceOf(ResourceInUseException.class);
        assertThat(elb.describeTargetGroups(b -> b.targetGroupArns(api.targetGroupArn())).targetGroups().get(0).loadBalancerArns())
                .containsExactly(listener.loadBalancerArn());
    }

    @Test
    void oneHundredRulesPerLoadBalancer() {
        for (int i = 1; i <= SimElb.RULES_PER_LOAD_BALANCER; i++) rule(i, api, host("h" + i + ".example.com"));
        assertThatThrownBy(() -> rule(101, api, host("x.example.com"))).isInstanceOf(TooManyRulesException.class);
    }

    @Test
    void rulesAreTaggedAndGoWithTheirListener() {
        Rule r = elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(5).conditions(host("a.example.com")).actions(forward(api))
                .tags(Tag.builder().key("gantry:app").value("shop").build())).rules().get(0);
        assertThat(elb.describeTags(b -> b.resourceArns(r.ruleArn())).tagDescriptions().get(0).tags())
                .containsExactly(Tag.builder().key("gantry:app").value("shop").build());
        elb.deleteListener(b -> b.listenerArn(listener.listenerArn()));
        assertThat(world.state.elb.rules).isEmpty();
    }
}
