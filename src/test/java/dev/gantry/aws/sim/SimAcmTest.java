package dev.gantry.aws.sim;

import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.*;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimAcmTest {
    private final VirtualScheduler time = new VirtualScheduler();
    private final SimWorld world = new SimWorld(new SimState(), time, SimLatency.realistic());
    private final SimAcm acm = new SimAcm(world);
    private final SimRoute53 r53 = new SimRoute53(world);

    private String request(String token, String domain, String... sans) {
        return acm.requestCertificate(b -> b.domainName(domain).subjectAlternativeNames(sans).validationMethod(ValidationMethod.DNS)
                .idempotencyToken(token).tags(Tag.builder().key("gantry:app").value("hello").build())).certificateArn();
    }

    private CertificateDetail describe(String arn) { return acm.describeCertificate(b -> b.certificateArn(arn)).certificate(); }

    private void writeValidationRecords(String zoneId, CertificateDetail d) {
        for (DomainValidation v : d.domainValidationOptions()) {
            r53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(cb -> cb.changes(
                    software.amazon.awssdk.services.route53.model.Change.builder().action(ChangeAction.UPSERT)
                            .resourceRecordSet(rs -> rs.name(v.resourceRecord().name()).type(RRType.CNAME).ttl(300L)
                                    .resourceRecords(rr -> rr.value(v.resourceRecord().value()))).build())));
        }
    }

    @Test
    void validationRecordsAppearAFewSecondsAfterTheRequest() {
        String arn = request("tok1", "hello.example.com");
        assertThat(describe(arn).domainValidationOptions()).singleElement().satisfies(v -> assertThat(v.resourceRecord()).isNull());
        time.advance(AcmState.OPTIONS_DELAY);
        ResourceRecord rr = describe(arn).domainValidationOptions().get(0).resourceRecord();
        assertThat(rr.type()).isEqualTo(RecordType.CNAME);
        assertThat(rr.name()).matches("_[0-9a-f]{32}\\.hello\\.example\\.com\\.");
        assertThat(rr.value()).matches("_[0-9a-f]{32}\\.acm-validations\\.aws\\.");
    }

    @Test
    void staysPendingWithoutTheRecordAndIssuesAfterTheLatencyOnceItExists() {
        String zone = world.state.route53.ensureZone("example.com");
        String arn = request("tok1", "hello.example.com", "*.hello.example.com");
        time.advance(Duration.ofHours(2));
        assertThat(describe(arn).status()).isEqualTo(CertificateStatus.PENDING_VALIDATION);
        assertThatThrownBy(() -> acm.getCertificate(b -> b.certificateArn(arn))).isInstanceOf(RequestInProgressException.class);

        writeValidationRecords(zone, describe(arn));
        time.advance(world.latency.certificateValidation().minusSeconds(1));
        assertThat(describe(arn).status()).isEqualTo(CertificateStatus.PENDING_VALIDATION);
        time.advance(Duration.ofSeconds(1));
        CertificateDetail issued = describe(arn);
        assertThat(issued.status()).isEqualTo(CertificateStatus.ISSUED);
        assertThat(issued.domainValidationOptions()).allSatisfy(v -> assertThat(v.validationStatus()).isEqualTo(DomainStatus.SUCCESS));
        assertThat(issued.subjectAlternativeNames()).containsExactly("hello.example.com", "*.hello.example.com");
    }

    @Test
    void issuedCertificatesStayIssuedWhenTheRecordsGo() {
        String zone = world.state.route53.ensureZone("example.com");
        String arn = request("tok1", "hello.example.com");
        time.advance(AcmState.OPTIONS_DELAY);
        CertificateDetail d = describe(arn);
        writeValidationRecords(zone, d);
        time.advance(world.latency.certificateValidation());
        ResourceRecord rr = d.domainValidationOptions().get(0).resourceRecord();
        r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(cb -> cb.changes(
                software.amazon.awssdk.services.route53.model.Change.builder().action(ChangeAction.DELETE)
                        .resourceRecordSet(rs -> rs.name(rr.name()).type(RRType.CNAME).ttl(300L).resourceRecords(x -> x.value(rr.value()))).build())));
        assertThat(describe(arn).status()).isEqualTo(CertificateStatus.ISSUED);
    }

    @Test
    void aRecordInAZoneOfAnotherNameDoesNotValidate() {
        String other = world.state.route53.ensureZone("example.org");
        String arn = request("tok1", "hello.example.com");
        time.advance(AcmState.OPTIONS_DELAY);
        assertThatThrownBy(() -> writeValidationRecords(other, describe(arn)))
                .isInstanceOf(software.amazon.awssdk.services.route53.model.InvalidChangeBatchException.class);
        time.advance(Duration.ofHours(1));
        assertThat(describe(arn).status()).isEqualTo(CertificateStatus.PENDING_VALIDATION);
        time.advance(AcmState.VALIDATION_TIMEOUT);
        assertThat(describe(arn).status()).isEqualTo(CertificateStatus.VALIDATION_TIMED_OUT);
    }

    @Test
    void idempotencyTokenReturnsTheSameArnWithinTheHour() {
        String first = request("tok1", "hello.example.com");
        time.advance(Duration.ofMinutes(59));
        assertThat(request("tok1", "hello.example.com")).isEqualTo(first);
        time.advance(Duration.ofMinutes(2));
        assertThat(request("tok1", "hello.example.com")).isNotEqualTo(first);
        assertThatThrownBy(() -> request("bad-token!", "hello.example.com")).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> acm.requestCertificate(b -> b.domainName("hello.example.com")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("EMAIL");
    }

    @Test
    void aTokenWithinTheHourAnswersWithItsFirstCertificateEvenForOtherNamesOrOnceDeleted() {
        String first = request("tok1", "hello.example.com");
        assertThat(request("tok1", "other.example.com")).as("the other names are not looked at").isEqualTo(first);
        acm.deleteCertificate(b -> b.certificateArn(first));
        time.advance(Duration.ofMinutes(30));
        String again = request("tok1", "hello.example.com");
        assertThat(again).as("a deleted certificate's token still answers with it").isEqualTo(first);
        assertThatThrownBy(() -> describe(again)).isInstanceOf(ResourceNotFoundException.class);
        assertThat(acm.listCertificates(b -> {}).certificateSummaryList()).isEmpty();
        time.advance(Duration.ofMinutes(31));
        assertThat(describe(request("tok1", "hello.example.com")).status()).isEqualTo(CertificateStatus.PENDING_VALIDATION);
    }

    @Test
    void listFiltersByStatusAndTagsAreReadable() {
        String pending = request("tok1", "hello.example.com");
        String issued = acm.seedIssued("shop.example.com", List.of("www.shop.example.com"));
        assertThat(acm.listCertificates(b -> b.certificateStatuses(CertificateStatus.ISSUED)).certificateSummaryList())
                .extracting(CertificateSummary::certificateArn).containsExactly(issued);
        assertThat(acm.listCertificates(b -> {}).certificateSummaryList()).hasSize(2);
        acm.addTagsToCertificate(b -> b.certificateArn(pending).tags(Tag.builder().key("team").value("web").build()));
        assertThat(acm.listTagsForCertificate(b -> b.certificateArn(pending)).tags()).extracting(Tag::key).containsExactly("gantry:app", "team");
        assertThatThrownBy(() -> acm.describeCertificate(b -> b.certificateArn(pending.replace(pending.substring(pending.length() - 4), "0000"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aCertificateUsedByAListenerCannotBeDeleted() {
        FakeNetwork net = FakeNetwork.standard();
        SimElb elb = new SimElb(world, net);
        String arn = acm.seedIssued("hello.example.com", List.of());
        var lb = elb.createLoadBalancer(b -> b.name("hello-alb").subnets("subnet-a", "subnet-b")).loadBalancers().get(0);
        var tg = elb.createTargetGroup(b -> b.name("hello-tg").protocol("HTTP").port(80).vpcId("vpc-1").targetType("ip")).targetGroups().get(0);
        var listener = elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTPS").port(443)
                .certificates(Certificate.builder().certificateArn(arn).build())
                .defaultActions(Action.builder().type("forward").targetGroupArn(tg.targetGroupArn()).build())).listeners().get(0);
        assertThat(listener.sslPolicy()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
        assertThat(describe(arn).inUseBy()).containsExactly(lb.loadBalancerArn());
        assertThatThrownBy(() -> acm.deleteCertificate(b -> b.certificateArn(arn))).isInstanceOf(ResourceInUseException.class);
        elb.deleteListener(b -> b.listenerArn(listener.listenerArn()));
        acm.deleteCertificate(b -> b.certificateArn(arn));
        assertThat(AcmCertificates.of(world).status(arn)).isNull();
    }
}
