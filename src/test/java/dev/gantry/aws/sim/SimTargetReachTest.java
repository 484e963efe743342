package dev.gantry.aws.sim;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether the load balancer reaches a target, from ELB's and EC2's state alone: no world. */
class SimTargetReachTest {
    private static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/hello-tg/0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final ElbState elb = new ElbState();
    private final Ec2State ec2 = new Ec2State();
    private final Ec2Model.SecurityGroup taskGroup = new Ec2Model.SecurityGroup();
    private final ElbState.TargetRec target = new ElbState.TargetRec();

    SimTargetReachTest() {
        ElbState.LoadBalancerRec lb = new ElbState.LoadBalancerRec();
        lb.arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/hello-alb/0123456789abcdef";
        lb.securityGroups.add("sg-lb");
        lb.enis.put("subnet-a", "eni-lb");
        elb.loadBalancers.put(lb.arn, lb);
        ElbState.TargetGroupRec tg = new ElbState.TargetGroupRec();
        tg.arn = TG;
        tg.vpcId = "vpc-1";
        elb.targetGroups.put(TG, tg);
        ElbState.ActionRec forward = new ElbState.ActionRec();
        forward.type = "forward";
        forward.targetGroupArn = TG;
        ElbState.ListenerRec l = new ElbState.ListenerRec();
        l.arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/hello-alb/0123456789abcdef/1";
        l.loadBalancerArn = lb.arn;
        l.defaultActions.add(forward);
        elb.listeners.put(l.arn, l);

        eni("eni-lb", "10.0.0.10", List.of("sg-lb"));
        eni("eni-task", "10.0.1.5", List.of("sg-task"));
        taskGroup.id = "sg-task";
        ec2.securityGroups.put(taskGroup.id, taskGroup);
        target.ip = "10.0.1.5";
        target.port = 8080;
    }

    private void eni(String id, String ip, List<String> groups) {
        Ec2Model.Eni e = new Ec2Model.Eni();
        e.id = id;
        e.vpcId = "vpc-1";
        e.privateIp = ip;
        e.groupIds = groups;
        ec2.enis.put(id, e);
    }

    private void allow(int port, String fromGroup, String fromCidr) {
        Ec2Model.Permission p = new Ec2Model.Permission();
        p.protocol = "tcp";
        p.fromPort = port;
        p.toPort = port;
        p.sourceGroupId = fromGroup;
        p.cidr = fromCidr;
        taskGroup.ingress.add(p);
    }

    private Predicate<ElbState.TargetRec> reach() { return SimTargetReach.of(elb, ec2, TG, NOW); }

    @Test
    void aTargetIsReachedOnlyWhenOneOfItsGroupsAdmitsTheLoadBalancerOnItsPort() {
        assertThat(reach().test(target)).isFalse();
        allow(80, "sg-lb", null);
        assertThat(reach().test(target)).isFalse();
        allow(8080, "sg-other", null);
        assertThat(reach().test(target)).isFalse();
        allow(8080, "sg-lb", null);
        assertThat(reach().test(target)).isTrue();
    }

    @Test
    void anAddressRangeHoldingALoadBalancerNodeAdmitsItToo() {
        allow(8080, null, "10.0.1.0/24");
        assertThat(reach().test(target)).isFalse();
        allow(8080, null, "10.0.0.0/24");
        assertThat(reach().test(target)).isTrue();
    }
}
