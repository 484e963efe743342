package dev.gantry.resources.edge;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Ref;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.network.NetworkResources;
import dev.gantry.spec.Certificate;
import dev.gantry.spec.Dns;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gantry.resources.Addresses.*;
import static dev.gantry.resources.edge.EdgeResources.*;
import static org.assertj.core.api.Assertions.assertThat;

class EdgeExpansionTest {
    private static List<Desired> expand(Spec spec) {
        List<Desired> out = new ArrayList<>();
        EdgeResources.expand(spec, out);
        return out;
    }

    private static Desired find(List<Desired> all, Address a) {
        return all.stream().filter(d -> d.address().equals(a)).findFirst().orElseThrow();
    }

    @Test
    void noLoadBalancerMeansNoEdge() {
        assertThat(expand(EdgeFixture.spec(null, null).withLoadBalancer(null))).isEmpty();
    }

    @Test
    void httpOnlyForwardsPort80ToTheTargetGroup() {
        List<Desired> all = expand(EdgeFixture.spec(null, null));
        assertThat(all).extracting(Desired::address).containsExactly(TARGET_GROUP, LOAD_BALANCER, HTTP_LISTENER);
        Desired lb = find(all, LOAD_BALANCER);
        assertThat(lb.guarded()).isTrue();
        assertThat(lb.description()).isEqualTo("Load balancer: the public entry point that spreads requests over your tasks");
        assertThat(lb.props()).containsEntry("name", "hello-alb").containsEntry("idleTimeout", 60)
                .containsEntry("subnets", NetworkResources.publicSubnetRefs(EdgeFixture.spec(null, null)))
                .containsEntry("securityGroups", List.of(Ref.to(Addresses.LB_SG, "id")));
        assertThat(lb.dependsOn()).contains(Addresses.LB_SG, Address.of("subnet", "public-0"), Address.of("subnet", "public-1"));
        Desired tg = find(all, TARGET_GROUP);
        assertThat(tg.props()).containsEntry("name", "hello-tg-80").containsEntry("port", 80).containsEntry("healthCheckPath", "/")
                .containsEntry("deregistrationDelay", 15).containsEntry("healthCheckInterval", 5).containsEntry("healthCheckTimeout", 4)
                .containsEntry("healthyThreshold", 2).containsEntry("vpcId", Ref.to(Addresses.VPC, "id"));
        Desired http = find(all, HTTP_LISTENER);
        assertThat(http.props()).containsEntry("port", 80).containsEntry("protocol", "HTTP").doesNotContainKey("certificateArn")
                .containsEntry("defaultAction", Map.of("type", "forward", "targetGroupArn", Ref.to(TARGET_GROUP, "arn")));
        assertThat(http.dependsOn()).containsExactlyInAnyOrder(LOAD_BALANCER, TARGET_GROUP);
        assertThat(forwardingListener(EdgeFixture.spec(null, null))).isEqualTo(HTTP_LISTENER);
        assertThat(all).allSatisfy(d -> assertThat(d.piece()).isEqualTo(Piece.LOAD_BALANCER));
    }

    @Test
    void httpsWithDnsValidatesThroughTheZoneAndRedirectsHttp() {
        Spec spec = EdgeFixture.httpsSpec();
        List<Desired> all = expand(spec);
        assertThat(all).extracting(Desired::address)
                .containsExactly(TARGET_GROUP, LOAD_BALANCER, HTTP_LISTENER, HTTPS_LISTENER, HOSTED_ZONE, CERTIFICATE, DNS_RECORD);
        assertThat(find(all, HTTP_LISTENER).props().get("defaultAction")).isEqualTo(ListenerType.redirectToHttps());
        Desired https = find(all, HTTPS_LISTENER);
        assertThat(https.props()).containsEntry("port", 443).containsEntry("protocol", "HTTPS")
                .containsEntry("certificateArn", Ref.to(CERTIFICATE, "arn"));
        assertThat(https.dependsOn()).contains(CERTIFICATE);
        Desired zone = find(all, HOSTED_ZONE);
        assertThat(zone.data()).isTrue();
        assertThat(zone.props()).isEqualTo(Map.of("name", "example.com"));
        Desired cert = find(all, CERTIFICATE);
        assertThat(cert.data()).isFalse();
        assertThat(cert.props()).containsEntry("domain", "hello.example.com").containsEntry("alternativeNames", List.of())
                .containsEntry("zoneId", Ref.to(HOSTED_ZONE, "id"));
        Desired record = find(all, DNS_RECORD);
        assertThat(record.props()).containsEntry("name", "hello.example.com").containsEntry("zoneId", Ref.to(HOSTED_ZONE, "id"))
                .containsEntry("aliasTarget", Ref.to(LOAD_BALANCER, "dnsName"))
                .containsEntry("aliasZoneId", Ref.to(LOAD_BALANCER, "canonicalHostedZoneId"));
        assertThat(forwardingListener(spec)).isEqualTo(HTTPS_LISTENER);
    }

    @Test
    void aCertificateDomainOutsideTheZoneGetsNoZoneId() {
        Spec spec = EdgeFixture.spec(new Certificate("hello.example.org", List.of("www.example.org"), null), new Dns("example.com", "hello.example.com"));
        Desired cert = find(expand(spec), CERTIFICATE);
        assertThat(cert.props()).doesNotContainKey("zoneId").containsEntry("alternativeNames", List.of("www.example.org"));
        assertThat(cert.description()).contains("DNS records you create");
    }

    @Test
    void httpsWithoutDnsHasNoZoneNorRecord() {
        Spec spec = EdgeFixture.spec(new Certificate("*.example.com", List.of(), null), null);
        assertThat(expand(spec)).extracting(Desired::address).doesNotContain(HOSTED_ZONE, DNS_RECORD).contains(CERTIFICATE, HTTPS_LISTENER);
        assertThat(find(expand(spec), CERTIFICATE).props()).doesNotContainKey("zoneId");
    }

    @Test
    void anExistingCertificateIsLookedUpAndMustCoverTheRecord() {
        String arn = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
        Spec spec = EdgeFixture.spec(new Certificate(null, List.of(), arn), new Dns("example.com", "hello.example.com"));
        Desired cert = find(expand(spec), CERTIFICATE);
        assertThat(cert.data()).isTrue();
        assertThat(cert.props()).isEqualTo(Map.of("arn", arn, "covers", List.of("hello.example.com")));
    }

    @Test
    void namesFitElbsLimitForTheLongestApp() {
        String app = "a".repeat(27) + "b";
        Spec spec = EdgeFixture.spec(null, null).withApp(app).withTask(dev.gantry.spec.Task.of("nginx", 65535));
        List<Desired> all = expand(spec);
        String lbName = (String) find(all, LOAD_BALANCER).props().get("name");
        String tgName = (String) find(all, TARGET_GROUP).props().get("name");
        assertThat(lbName).hasSize(32).endsWith("-alb");
        assertThat(tgName).hasSizeLessThanOrEqualTo(32).endsWith("-tg-65535").doesNotContain("--");
    }

    @Test
    void everyHandlerTypeIsRegisteredOnce() {
        assertThat(EdgeResources.types()).extracting(t -> t.type())
                .containsExactlyInAnyOrder("hosted-zone", "certificate", "load-balancer", "target-group", "listener", "listener-rule", "dns-record");
    }
}
