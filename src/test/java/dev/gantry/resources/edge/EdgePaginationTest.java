package dev.gantry.resources.edge;

import dev.gantry.aws.sim.SimAcm;
import dev.gantry.plan.Observed;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An account with more certificates and target groups than one page holds: the app's own are on the last page. */
class EdgePaginationTest {
    private final EdgeFixture f = new EdgeFixture();
    private final Spec spec = EdgeFixture.httpsSpec();

    @Test void theAppsCertificateIsFoundPastAFullPageOfOthers() {
        for (int i = 0; i < 1000; i++) new SimAcm(f.world).seedIssued("site" + i + ".example.org", List.of());
        String arn = f.aws.acm().requestCertificate(b -> b.domainName("hello.example.com").validationMethod("DNS")
                .tags(t -> t.key("gantry:app").value("hello"), t -> t.key("gantry:component").value("certificate.main")))
                .certificateArn();
        f.world.resetCounters();

        List<Observed> found = new CertificateType().refresh(f.ctx(spec).withFreshReads());

        assertThat(found).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo(arn));
        assertThat(f.world.callsByAction()).containsEntry("acm:ListCertificates", 2L);
    }

    @Test void theAppsTargetGroupIsFoundPastAFullPageOfOthers() {
        for (int i = 0; i < 400; i++) {
            String name = "other-" + i;
            f.aws.elb().createTargetGroup(b -> b.name(name).protocol("HTTP").port(80).vpcId("vpc-1").targetType("ip"));
        }
        String arn = f.aws.elb().createTargetGroup(b -> b.name("hello-tg-80").protocol("HTTP").port(80).vpcId("vpc-1").targetType("ip")
                .tags(Tag.builder().key("gantry:app").value("hello").build(),
                        Tag.builder().key("gantry:component").value("target-group.main").build()))
                .targetGroups().get(0).targetGroupArn();
        f.world.resetCounters();

        List<Observed> found = new TargetGroupType().refresh(f.ctx(spec).withFreshReads());

        assertThat(found).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo(arn));
        assertThat(f.world.callsByAction()).containsEntry("elasticloadbalancing:DescribeTargetGroups", 2L);
    }
}
