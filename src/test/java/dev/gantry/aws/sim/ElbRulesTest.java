package dev.gantry.aws.sim;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ELB's validation rules on their own: its state, a network and ACM's answer, no world. */
class ElbRulesTest {
    private static final String ISSUED = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-1111-1111-1111-111111111111";
    private static final String PENDING = "arn:aws:acm:us-east-1:123456789012:certificate/22222222-2222-2222-2222-222222222222";

    private final ElbState elb = new ElbState();
    private final ElbRules rules = new ElbRules(elb, FakeNetwork.standard(), Set.of(ISSUED)::contains,
            (code, message) -> new IllegalArgumentException(code + ": " + message));

    private ElbState.LoadBalancerRec loadBalancer(String name) {
        ElbState.LoadBalancerRec lb = new ElbState.LoadBalancerRec();
        lb.arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/" + name + "/0123456789abcdef";
        lb.vpcId = "vpc-1";
        elb.loadBalancers.put(lb.arn, lb);
        return lb;
    }

    private ElbState.ListenerRec https(ElbState.LoadBalancerRec lb, String certificate) {
        ElbState.TargetGroupRec tg = new ElbState.TargetGroupRec();
        tg.arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/hello-tg/0123456789abcdef";
        tg.vpcId = "vpc-1";
        elb.targetGroups.put(tg.arn, tg);
        ElbState.ActionRec forward = new ElbState.ActionRec();
        forward.type = "forward";
        forward.targetGroupArn = tg.arn;
        ElbState.ListenerRec l = new ElbState.ListenerRec();
        l.arn = lb.arn.replace(":loadbalancer/", ":listener/") + "/1";
        l.loadBalancerArn = lb.arn;
        l.protocol = "HTTPS";
        l.port = 443;
        l.certificateArns = List.of(certificate);
        l.defaultActions = List.of(forward);
        return l;
    }

    @Test
    void anHttpsListenerTakesOnlyACertificateAcmHasIssued() {
        ElbState.LoadBalancerRec lb = loadBalancer("hello-alb");
        assertThatThrownBy(() -> rules.validateListener(https(lb, PENDING), lb, null))
                .hasMessage("CertificateNotFound: Certificate '" + PENDING + "' not found");
        ElbState.ListenerRec good = https(lb, ISSUED);
        assertThatCode(() -> rules.validateListener(good, lb, null)).doesNotThrowAnyException();
        assertThat(good.sslPolicy).isEqualTo(ElbRules.DEFAULT_SSL_POLICY);
    }

    @Test
    void aTargetGroupServesOneLoadBalancer() {
        ElbState.LoadBalancerRec first = loadBalancer("first-alb");
        ElbState.ListenerRec l = https(first, ISSUED);
        elb.listeners.put(l.arn, l);
        ElbState.LoadBalancerRec second = loadBalancer("second-alb");
        assertThatThrownBy(() -> rules.validateListener(https(second, ISSUED), second, null))
                .hasMessageStartingWith("TargetGroupAssociationLimit: ");
    }
}
