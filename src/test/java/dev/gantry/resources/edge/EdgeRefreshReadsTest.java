package dev.gantry.resources.edge;

import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.ResourceContext;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

import java.util.List;
import java.util.Map;

import static dev.gantry.resources.Addresses.*;
import static dev.gantry.resources.edge.EdgeResources.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The edge types' refreshes share their reads within one refresh, and find the same things they always did. */
class EdgeRefreshReadsTest {
    private final EdgeFixture f = new EdgeFixture();
    private final Spec spec = EdgeFixture.httpsSpec();

    private static List<Tag> tags(String component) {
        return List.of(Tag.builder().key("gantry:app").value("hello").build(), Tag.builder().key("gantry:component").value(component).build());
    }

    @Test void theThreeElbTypesShareOneListingAndOneTagRead() {
        var lb = f.aws.elb().createLoadBalancer(b -> b.name("hello-alb").subnets("subnet-a", "subnet-b").securityGroups("sg-lb")
                .tags(tags("load-balancer.main"))).loadBalancers().get(0);
        var tg = f.aws.elb().createTargetGroup(b -> b.name("hello-tg-80").protocol("HTTP").port(80).vpcId("vpc-1").targetType("ip")
                .tags(tags("target-group.main"))).targetGroups().get(0);
        f.aws.elb().createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTP").port(80)
                .defaultActions(a -> a.type("forward").targetGroupArn(tg.targetGroupArn())).tags(tags("listener.http")));
        f.world.resetCounters();

        ResourceContext refresh = f.ctx(spec).withFreshReads();
        assertThat(new LoadBalancerType().refresh(refresh)).hasSize(1);
        assertThat(new TargetGroupType().refresh(refresh)).hasSize(1);
        assertThat(new ListenerType().refresh(refresh)).extracting(o -> o.address().toString()).containsExactly("listener.http");
        assertThat(f.world.callsByAction()).containsEntry("elasticloadbalancing:DescribeTags", 1L)
                .containsEntry("elasticloadbalancing:DescribeLoadBalancers", 1L).containsEntry("elasticloadbalancing:DescribeListeners", 1L);
    }

    @Test void theListenersOfAnAppsLoadBalancerUnderAnotherNameAreStillFound() {
        var lb = f.aws.elb().createLoadBalancer(b -> b.name("legacy-alb").subnets("subnet-a", "subnet-b").securityGroups("sg-lb")
                .tags(tags("load-balancer.main"))).loadBalancers().get(0);
        f.aws.elb().createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTP").port(80)
                .defaultActions(a -> a.type("redirect").redirectConfig(r -> r.protocol("HTTPS").port("443").statusCode("HTTP_301")))
                .tags(tags("listener.http")));
        // someone else's load balancer with gantry's name for this app: its listeners are not the app's
        var theirs = f.aws.elb().createLoadBalancer(b -> b.name("hello-alb").subnets("subnet-a", "subnet-b").securityGroups("sg-lb"))
                .loadBalancers().get(0);
        f.aws.elb().createListener(b -> b.loadBalancerArn(theirs.loadBalancerArn()).protocol("HTTP").port(8080)
                .defaultActions(a -> a.type("redirect").redirectConfig(r -> r.protocol("HTTPS").port("443").statusCode("HTTP_301")))
                .tags(tags("listener.http")));

        List<Observed> found = new ListenerType().refresh(f.ctx(spec).withFreshReads());
        assertThat(found).singleElement().satisfies(o -> assertThat(o.props()).containsEntry("loadBalancerArn", lb.loadBalancerArn()));
    }

    @Test void theAliasAndItsOwnerRecordAreReadTogetherEvenPastManySubdomains() {
        Desired d = EdgeFixture.desired(spec, DNS_RECORD);
        Map<String, Object> props = EdgeFixture.resolve(d, Map.of("hosted-zone.main.id", f.zoneId,
                "load-balancer.main.dnsName", "hello-alb-1.us-east-1.elb.amazonaws.com", "load-balancer.main.canonicalHostedZoneId", "Z35SXDOTRQ7X7K"));
        f.run(new DnsRecordType().create(f.ctx(spec), d, props));
        // 30 names that sort between hello.example.com and _gantry.hello.example.com (digits before '_')
        for (int i = 0; i < 30; i++) {
            String name = i + ".hello.example.com";
            f.aws.route53().changeResourceRecordSets(b -> b.hostedZoneId(f.zoneId).changeBatch(cb -> cb.changes(ch -> ch
                    .action(ChangeAction.CREATE).resourceRecordSet(rs -> rs.name(name).type(RRType.A).ttl(60L).resourceRecords(v -> v.value("10.0.0.1"))))));
        }
        f.world.resetCounters();
        List<Observed> found = new DnsRecordType().refresh(f.ctx(spec).withFreshReads());
        assertThat(found).singleElement().satisfies(o -> assertThat(o.props()).isEqualTo(props));
        assertThat(f.world.callsByAction().get("route53:ListResourceRecordSets")).isEqualTo(2L);

        // with nothing in between, one listing
        for (int i = 0; i < 30; i++) {
            String name = i + ".hello.example.com";
            f.aws.route53().changeResourceRecordSets(b -> b.hostedZoneId(f.zoneId).changeBatch(cb -> cb.changes(ch -> ch
                    .action(ChangeAction.DELETE).resourceRecordSet(rs -> rs.name(name).type(RRType.A).ttl(60L).resourceRecords(v -> v.value("10.0.0.1"))))));
        }
        f.world.resetCounters();
        assertThat(new DnsRecordType().refresh(f.ctx(spec).withFreshReads())).hasSize(1);
        assertThat(f.world.callsByAction()).containsEntry("route53:ListResourceRecordSets", 1L).containsEntry("route53:ListHostedZonesByName", 1L);
    }

    @Test void theZoneIsLookedUpOncePerRefreshForTheZoneAndTheRecord() {
        ResourceContext refresh = f.ctx(spec).withFreshReads();
        new HostedZoneType().lookup(refresh, EdgeFixture.desired(spec, HOSTED_ZONE)).orElseThrow();
        new DnsRecordType().refresh(refresh);
        assertThat(f.world.callsByAction()).containsEntry("route53:ListHostedZonesByName", 1L);
    }
}
