package dev.gantry.aws.sim;

import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimElbTest {
    private final VirtualScheduler time = new VirtualScheduler();
    private SimWorld world;
    private FakeNetwork net;
    private SimElb elb;

    @BeforeEach
    void setUp() {
        world = new SimWorld(new SimState(), time, SimLatency.realistic());
        net = FakeNetwork.standard();
        elb = new SimElb(world, net);
    }

    private LoadBalancer createLb(String name) {
        return elb.createLoadBalancer(b -> b.name(name).subnets("subnet-a", "subnet-b").securityGroups("sg-lb")
                .scheme(LoadBalancerSchemeEnum.INTERNET_FACING).type(LoadBalancerTypeEnum.APPLICATION)
                .tags(Tag.builder().key("gantry:app").value("hello").build())).loadBalancers().get(0);
    }

    private TargetGroup createTg(String name) {
        return elb.createTargetGroup(b -> b.name(name).protocol(ProtocolEnum.HTTP).port(80).vpcId("vpc-1")
                .targetType(TargetTypeEnum.IP).healthCheckPath("/health")).targetGroups().get(0);
    }

    private Listener forward(LoadBalancer lb, TargetGroup tg) {
        return elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn()).build()))
                .listeners().get(0);
    }

    private static String code(Throwable t) { return ((AwsServiceException) t).awsErrorDetails().errorCode(); }

    @Test
    void loadBalancerProvisionsThenBecomesActiveAfterTheLatency() {
        LoadBalancer lb = createLb("hello-alb");
        assertThat(lb.state().code()).isEqualTo(LoadBalancerStateEnum.PROVISIONING);
        assertThat(lb.dnsName()).matches("hello-alb-\\d{10}\\.us-east-1\\.elb\\.amazonaws\\.com");
        assertThat(lb.canonicalHostedZoneId()).isEqualTo("Z35SXDOTRQ7X7K");
        assertThat(lb.loadBalancerArn()).startsWith("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/hello-alb/");
        assertThat(net.enis).hasSize(2).containsValues("subnet-a", "subnet-b");

        time.advance(world.latency.loadBalancer().minusSeconds(1));
        assertThat(state(lb)).isEqualTo(LoadBalancerStateEnum.PROVISIONING);
        time.advance(Duration.ofSeconds(1));
        assertThat(state(lb)).isEqualTo(LoadBalancerStateEnum.ACTIVE);
    }

    private LoadBalancerStateEnum state(LoadBalancer lb) {
        return elb.describeLoadBalancers(b -> b.loadBalancerArns(lb.loadBalancerArn())).loadBalancers().get(0).state().code();
    }

    @Test
    void createIsIdempotentOnNameButRefusesDifferentSettings() {
        LoadBalancer a = createLb("hello-alb");
        assertThat(createLb("hello-alb").loadBalancerArn()).isEqualTo(a.loadBalancerArn());
        net.subnets.put("subnet-d", new FakeNetwork.Subnet("vpc-1", "us-east-1c"));
        assertThatThrownBy(() -> elb.createLoadBalancer(b -> b.name("hello-alb").subnets("subnet-a", "subnet-d")))
                .isInstanceOf(DuplicateLoadBalancerNameException.class);
    }

    @Test
    void subnetsMustBeAtLeastTwoInDifferentZones() {
        assertThatThrownBy(() -> elb.createLoadBalancer(b -> b.name("one").subnets("subnet-a")))
                .satisfies(t -> assertThat(code(t)).isEqualTo("InvalidConfigurationRequest"))
                .hasMessageContaining("At least two subnets");
        assertThatThrownBy(() -> elb.createLoadBalancer(b -> b.name("same-az").subnets("subnet-a", "subnet-c")))
                .isInstanceOf(InvalidConfigurationRequestException.class)
                .hasMessageContaining("A load balancer cannot be attached to multiple subnets in the same Availability Zone");
        assertThatThrownBy(() -> elb.createLoadBalancer(b -> b.name("missing").subnets("subnet-a", "subnet-zz")))
                .isInstanceOf(SubnetNotFoundException.class);
        assertThat(net.enis).isEmpty();
    }

    @Test
    void namesAreCheckedLikeAws() {
        String longName = "a".repeat(33);
        assertThatThrownBy(() -> elb.createLoadBalancer(b -> b.name(longName).subnets("subnet-a", "subnet-b")))
                .satisfies(t -> assertThat(code(t)).isEqualTo("ValidationError")).hasMessageContaining("longer than '32'");
        assertThatThrownBy(() -> elb.createTargetGroup(b -> b.name("bad_name").protocol("HTTP").port(80).vpcId("vpc-1")))
                .satisfies(t -> assertThat(code(t)).isEqualTo("ValidationError"));
        assertThat(elb.createLoadBalancer(b -> b.name("a".repeat(32)).subnets("subnet-a", "subnet-b")).loadBalancers()).hasSize(1);
    }

    @Test
    void deleteReleasesTheNodesInterfacesLater() {
        LoadBalancer lb = createLb("hello-alb");
        Listener l = forward(lb, createTg("hello-tg"));
        elb.deleteLoadBalancer(b -> b.loadBalancerArn(lb.loadBalancerArn()));
        Instant expected = time.now().plus(world.latency.loadBalancerDelete());
        assertThat(net.released).hasSize(2).allSatisfy((eni, at) -> assertThat(at).isEqualTo(expected));
        assertThatThrownBy(() -> elb.describeListeners(b -> b.listenerArns(l.listenerArn()))).isInstanceOf(ListenerNotFoundException.class);
        assertThatThrownBy(() -> elb.describeLoadBalancers(b -> b.names("hello-alb"))).isInstanceOf(LoadBalancerNotFoundException.class);
        // deleting again succeeds, as in AWS
        elb.deleteLoadBalancer(b -> b.loadBalancerArn(lb.loadBalancerArn()));
    }

    @Test
    void targetGroupInUseByAListenerCannotBeDeleted() {
        LoadBalancer lb = createLb("hello-alb");
        TargetGroup tg = createTg("hello-tg");
        assertThat(world.state.elb.targetGroupHasLoadBalancer(tg.targetGroupArn())).isFalse();
        Listener l = forward(lb, tg);
        assertThat(world.state.elb.targetGroupHasLoadBalancer(tg.targetGroupArn())).isTrue();
        assertThat(elb.describeTargetGroups(b -> b.names("hello-tg")).targetGroups().get(0).loadBalancerArns())
                .containsExactly(lb.loadBalancerArn());

        assertThatThrownBy(() -> elb.deleteTargetGroup(b -> b.targetGroupArn(tg.targetGroupArn())))
                .isInstanceOf(ResourceInUseException.class);
        elb.deleteListener(b -> b.listenerArn(l.listenerArn()));
        elb.deleteTargetGroup(b -> b.targetGroupArn(tg.targetGroupArn()));
        assertThat(world.state.elb.targetGroupExists(tg.targetGroupArn())).isFalse();
    }

    @Test
    void httpsListenerNeedsAnIssuedCertificate() {
        LoadBalancer lb = createLb("hello-alb");
        TargetGroup tg = createTg("hello-tg");
        String pending = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";
        assertThatThrownBy(() -> elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTPS").port(443)
                .certificates(Certificate.builder().certificateArn(pending).build())
                .defaultActions(Action.builder().type("forward").targetGroupArn(tg.targetGroupArn()).build())))
                .isInstanceOf(CertificateNotFoundException.class);
        assertThatThrownBy(() -> elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTPS").port(443)
                .defaultActions(Action.builder().type("forward").targetGroupArn(tg.targetGroupArn()).build())))
                .satisfies(t -> assertThat(code(t)).isEqualTo("ValidationError"));
    }

    @Test
    void redirectListenerAndDuplicatePort() {
        LoadBalancer lb = createLb("hello-alb");
        Action redirect = Action.builder().type("redirect").redirectConfig(RedirectActionConfig.builder()
                .protocol("HTTPS").port("443").statusCode(RedirectActionStatusCodeEnum.HTTP_301).build()).build();
        Listener l = elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTP").port(80).defaultActions(redirect))
                .listeners().get(0);
        assertThat(l.defaultActions().get(0).redirectConfig().statusCode()).isEqualTo(RedirectActionStatusCodeEnum.HTTP_301);
        TargetGroup tg = createTg("hello-tg");
        assertThatThrownBy(() -> forward(lb, tg)).isInstanceOf(DuplicateListenerException.class);
        elb.modifyListener(b -> b.listenerArn(l.listenerArn())
                .defaultActions(Action.builder().type("forward").targetGroupArn(tg.targetGroupArn()).build()));
        assertThat(elb.describeListeners(b -> b.loadBalancerArn(lb.loadBalancerArn())).listeners().get(0).defaultActions().get(0)
                .targetGroupArn()).isEqualTo(tg.targetGroupArn());
    }

    @Test
    void targetsGoInitialThenHealthyThenDrainForTheDelay() {
        LoadBalancer lb = createLb("hello-alb");
        TargetGroup tg = createTg("hello-tg");
        forward(lb, tg);
        elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(tg.targetGroupArn())
                .attributes(TargetGroupAttribute.builder().key("deregistration_delay.timeout_seconds").value("30").build()));
        ElbState st = world.state.elb;
        assertThat(st.deregistrationDelay(tg.targetGroupArn())).isEqualTo(Duration.ofSeconds(30));
        ElbTargets.of(world).registerTarget(tg.targetGroupArn(), "10.0.1.5", 80, time.now().plusSeconds(45), true);
        assertThat(st.targetHealth(tg.targetGroupArn(), "10.0.1.5", time.now(), t -> true)).isEqualTo("initial");
        assertThat(health(tg)).isEqualTo(TargetHealthStateEnum.INITIAL);
        time.advance(Duration.ofSeconds(45));
        assertThat(health(tg)).isEqualTo(TargetHealthStateEnum.HEALTHY);

        elb.deregisterTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(TargetDescription.builder().id("10.0.1.5").port(80).build()));
        assertThat(health(tg)).isEqualTo(TargetHealthStateEnum.DRAINING);
        time.advance(Duration.ofSeconds(30));
        assertThat(st.targetHealth(tg.targetGroupArn(), "10.0.1.5", time.now(), t -> true)).isNull();
        assertThat(elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions()).isEmpty();
        assertThat(st.healthCheckPath(tg.targetGroupArn())).isEqualTo("/health");
    }

    @Test
    void unhealthyTargetsAndTargetsOfAnUnattachedGroup() {
        TargetGroup tg = createTg("hello-tg");
        ElbState st = world.state.elb;
        ElbTargets.of(world).registerTarget(tg.targetGroupArn(), "10.0.1.6", 80, time.now(), false);
        assertThat(st.targetHealth(tg.targetGroupArn(), "10.0.1.6", time.now(), t -> true)).isEqualTo("unhealthy");
        assertThat(health(tg)).isEqualTo(TargetHealthStateEnum.UNUSED);
        assertThat(st.targetHealth(tg.targetGroupArn(), "10.9.9.9", time.now(), t -> true)).isNull();
    }

    private TargetHealthStateEnum health(TargetGroup tg) {
        return elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions().get(0).targetHealth().state();
    }

    @Test
    void tagsAreReadTwentyArnsAtATime() {
        LoadBalancer lb = createLb("hello-alb");
        elb.addTags(b -> b.resourceArns(lb.loadBalancerArn()).tags(Tag.builder().key("team").value("web").build()));
        assertThat(elb.describeTags(b -> b.resourceArns(lb.loadBalancerArn())).tagDescriptions().get(0).tags())
                .extracting(Tag::key).containsExactly("gantry:app", "team");
        elb.removeTags(b -> b.resourceArns(lb.loadBalancerArn()).tagKeys("team"));
        assertThat(elb.describeTags(b -> b.resourceArns(lb.loadBalancerArn())).tagDescriptions().get(0).tags()).hasSize(1);
        List<String> many = IntStream.range(0, 21).mapToObj(i -> lb.loadBalancerArn()).toList();
        assertThatThrownBy(() -> elb.describeTags(b -> b.resourceArns(many)))
                .satisfies(t -> assertThat(code(t)).isEqualTo("ValidationError"));
    }

    @Test
    void attributesSubnetsAndGroupsChangeInPlace() {
        LoadBalancer lb = createLb("hello-alb");
        elb.modifyLoadBalancerAttributes(b -> b.loadBalancerArn(lb.loadBalancerArn())
                .attributes(LoadBalancerAttribute.builder().key("idle_timeout.timeout_seconds").value("120").build()));
        assertThat(elb.describeLoadBalancerAttributes(b -> b.loadBalancerArn(lb.loadBalancerArn())).attributes())
                .contains(LoadBalancerAttribute.builder().key("idle_timeout.timeout_seconds").value("120").build());
        assertThatThrownBy(() -> elb.modifyLoadBalancerAttributes(b -> b.loadBalancerArn(lb.loadBalancerArn())
                .attributes(LoadBalancerAttribute.builder().key("idle_timeout.timeout_seconds").value("5000").build())))
                .satisfies(t -> assertThat(code(t)).isEqualTo("ValidationError"));

        net.subnets.put("subnet-d", new FakeNetwork.Subnet("vpc-1", "us-east-1c"));
        elb.setSubnets(b -> b.loadBalancerArn(lb.loadBalancerArn()).subnets("subnet-a", "subnet-d"));
        assertThat(net.enis).containsValues("subnet-a", "subnet-d").doesNotContainValue("subnet-b");
        assertThat(net.released).hasSize(1);

        net.groups.add("sg-other");
        elb.setSecurityGroups(b -> b.loadBalancerArn(lb.loadBalancerArn()).securityGroups("sg-other"));
        assertThat(elb.describeLoadBalancers(b -> b.names("hello-alb")).loadBalancers().get(0).securityGroups()).containsExactly("sg-other");
        assertThatThrownBy(() -> elb.setSecurityGroups(b -> b.loadBalancerArn(lb.loadBalancerArn()).securityGroups("sg-nope")))
                .isInstanceOf(InvalidSecurityGroupException.class);
    }

    @Test
    void stateSurvivesAJsonRoundTrip() throws Exception {
        LoadBalancer lb = createLb("hello-alb");
        TargetGroup tg = createTg("hello-tg");
        forward(lb, tg);
        ElbTargets.of(world).registerTarget(tg.targetGroupArn(), "10.0.1.5", 80, time.now(), true);
        // SimWorld.save writes every service's part; the ELB part must round-trip on its own.
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        ElbState again = json.readValue(json.writeValueAsString(world.state.elb), ElbState.class);
        assertThat(again.targetGroupHasLoadBalancer(tg.targetGroupArn())).isTrue();
        assertThat(again.targetHealth(tg.targetGroupArn(), "10.0.1.5", time.now(), t -> true)).isEqualTo("healthy");
        assertThat(again.loadBalancers.values().iterator().next().enis).hasSize(2);
    }
}
