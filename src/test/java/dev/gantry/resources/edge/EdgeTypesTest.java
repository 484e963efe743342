package dev.gantry.resources.edge;

import dev.gantry.aws.sim.SimAcm;
import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.ResourceContext;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.gantry.resources.Addresses.*;
import static dev.gantry.resources.edge.EdgeResources.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole edge, created, refreshed and destroyed through its handlers on the simulated AWS. */
class EdgeTypesTest {
    private final EdgeFixture f = new EdgeFixture();
    private final Spec spec = EdgeFixture.httpsSpec();
    private final ResourceContext ctx = f.ctx(spec);
    private final Map<String, String> values = new HashMap<>(Map.of(
            "vpc.main.id", "vpc-1", "subnet.public-0.id", "subnet-a", "subnet.public-1.id", "subnet-b",
            "security-group.load-balancer.id", "sg-lb"));

    private Observed create(dev.gantry.resources.ResourceType type, Address address) {
        Desired d = EdgeFixture.desired(spec, address);
        Observed o = d.data() ? type.lookup(ctx, d).orElseThrow() : f.run(type.create(ctx, d, EdgeFixture.resolve(d, values)));
        o.outputs().forEach((k, v) -> values.put(address + "." + k, v));
        return o;
    }

    private Map<String, Object> resolved(Address address) {
        return EdgeFixture.resolve(EdgeFixture.desired(spec, address), values);
    }

    @Test
    void createsTheEdgeThenRefreshMatchesTheDesiredPropsThenDestroysIt() {
        var zone = new HostedZoneType();
        var cert = new CertificateType();
        var lb = new LoadBalancerType();
        var tg = new TargetGroupType();
        var listener = new ListenerType();
        var record = new DnsRecordType();

        assertThat(create(zone, HOSTED_ZONE).id()).isEqualTo(f.zoneId);

        Instant start = f.time.now();
        Observed c = create(cert, CERTIFICATE);
        assertThat(Duration.between(start, f.time.now())).isGreaterThanOrEqualTo(f.world.latency.certificateValidation());
        assertThat(c.output("status")).isEqualTo("ISSUED");
        assertThat(f.info).anyMatch(m -> m.contains("wrote 1 certificate validation record"));

        start = f.time.now();
        Observed l = create(lb, LOAD_BALANCER);
        assertThat(Duration.between(start, f.time.now())).isGreaterThanOrEqualTo(f.world.latency.loadBalancer())
                .isLessThan(f.world.latency.loadBalancer().plusSeconds(6));
        assertThat(l.output("dnsName")).startsWith("hello-alb-");
        assertThat(l.output("canonicalHostedZoneId")).isEqualTo("Z35SXDOTRQ7X7K");

        create(tg, TARGET_GROUP);
        Observed http = create(listener, HTTP_LISTENER);
        Observed https = create(listener, HTTPS_LISTENER);
        assertThat(http.props().get("defaultAction")).isEqualTo(ListenerType.redirectToHttps());
        Observed dns = create(record, DNS_RECORD);
        assertThat(dns.output("fqdn")).isEqualTo("hello.example.com");
        assertThat(f.world.state.route53.hasRecord("_gantry.hello.example.com", "TXT", "\"gantry:app=hello\"")).isTrue();

        // refresh finds each resource by its tags (or owner record) with props equal to the resolved desired ones
        for (var pair : List.of(Map.entry(cert, CERTIFICATE), Map.entry(lb, LOAD_BALANCER), Map.entry(tg, TARGET_GROUP),
                Map.entry(listener, HTTP_LISTENER), Map.entry(listener, HTTPS_LISTENER), Map.entry(record, DNS_RECORD))) {
            List<Observed> found = pair.getKey().refresh(ctx);
            assertThat(found).filteredOn(o -> o.address().equals(pair.getValue())).singleElement()
                    .satisfies(o -> assertThat(o.props()).isEqualTo(resolved(pair.getValue())));
        }

        // destroy, highest tier first
        f.run(record.delete(ctx, dns));
        assertThat(f.world.state.route53.hasRecord("_gantry.hello.example.com", "TXT", "\"gantry:app=hello\"")).isFalse();
        assertThat(record.refresh(ctx)).isEmpty();
        // While the HTTPS listener uses it, ACM refuses the delete; gantry waits, then says what to do.
        assertThatThrownBy(() -> f.run(cert.delete(ctx, c))).isInstanceOf(AwsFailure.class)
                .hasMessageContaining("ACM to release the certificate");
        assertThat(f.world.state.acm.certificates).hasSize(1);
        assertThat(f.world.state.route53.zones.get(f.zoneId).records).extracting(r -> r.type).contains("CNAME");
        f.run(listener.delete(ctx, https));
        f.run(listener.delete(ctx, http));
        f.run(tg.delete(ctx, tg.refresh(ctx).get(0)));
        f.run(lb.delete(ctx, l));
        f.run(cert.delete(ctx, c));
        assertThat(f.world.state.acm.certificates).isEmpty();
        // only the zone's own NS and SOA records are left
        assertThat(f.world.state.route53.zones.get(f.zoneId).records).extracting(r -> r.type).containsExactlyInAnyOrder("NS", "SOA");
        assertThat(lb.refresh(ctx)).isEmpty();
        assertThat(f.net.released).hasSize(2);
    }

    @Test
    void aCertificateIsDeletedOnceACMLetsGoEvenWhenInUseByStaysStale() {
        var cert = new CertificateType();
        var lb = new LoadBalancerType();
        var listener = new ListenerType();
        create(new HostedZoneType(), HOSTED_ZONE);
        Observed c = create(cert, CERTIFICATE);
        Observed l = create(lb, LOAD_BALANCER);
        create(new TargetGroupType(), TARGET_GROUP);
        Observed https = create(listener, HTTPS_LISTENER);
        // An emulator (and AWS for a while) keeps listing the deleted load balancer under InUseBy.
        String stale = l.id();
        var acm = f.aws.acm();
        var staleAcm = (software.amazon.awssdk.services.acm.AcmClient) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[]{software.amazon.awssdk.services.acm.AcmClient.class}, (proxy, m, args) -> {
                    Object r;
                    try {
                        r = m.invoke(acm, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (r instanceof software.amazon.awssdk.services.acm.model.DescribeCertificateResponse d) {
                        return d.toBuilder().certificate(d.certificate().toBuilder().inUseBy(stale).build()).build();
                    }
                    return r;
                });
        var aws = f.aws;
        ResourceContext stuck = new ResourceContext(new dev.gantry.aws.AwsClients(aws.ec2(), aws.ecs(), aws.elb(), staleAcm,
                aws.route53(), aws.ssm(), aws.iam(), aws.logs(), aws.sts(), aws.scaling()), spec, f.world.accountId(), f.time,
                dev.gantry.resources.SecretValues.none(), dev.gantry.resources.ProgressSink.NONE);

        // The listener goes a minute into the wait: the delete goes through at the next try.
        f.time.schedule(Duration.ofMinutes(1), () -> f.aws.elb().deleteListener(b -> b.listenerArn(https.id())));
        Instant start = f.time.now();
        f.run(cert.delete(stuck, c));
        assertThat(f.world.state.acm.certificates).isEmpty();
        assertThat(Duration.between(start, f.time.now())).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(2));
    }

    @Test
    void aCertificateOutsideTheZoneIsValidatedByHandAndGantryKeepsWaiting() {
        Spec outside = EdgeFixture.spec(new dev.gantry.spec.Certificate("hello.example.org", List.of(), null), null);
        ResourceContext c2 = f.ctx(outside);
        Desired d = EdgeFixture.desired(outside, CERTIFICATE);
        assertThat(d.props()).doesNotContainKey("zoneId");
        String other = f.world.state.route53.ensureZone("example.org");
        // the person creates the record by hand ten minutes in
        f.time.schedule(Duration.ofMinutes(10), () -> {
            var cert = f.world.state.acm.certificates.values().iterator().next();
            var detail = f.aws.acm().describeCertificate(b -> b.certificateArn(cert.arn)).certificate();
            var rr = detail.domainValidationOptions().get(0).resourceRecord();
            f.aws.route53().changeResourceRecordSets(b -> b.hostedZoneId(other).changeBatch(cb -> cb.changes(ch -> ch
                    .action(ChangeAction.CREATE).resourceRecordSet(rs -> rs.name(rr.name()).type(RRType.CNAME).ttl(60L)
                            .resourceRecords(v -> v.value(rr.value()))))));
        });
        Instant start = f.time.now();
        Observed o = f.run(new CertificateType().create(c2, d, d.props()));
        assertThat(o.output("status")).isEqualTo("ISSUED");
        assertThat(Duration.between(start, f.time.now())).isGreaterThanOrEqualTo(Duration.ofMinutes(10).plus(f.world.latency.certificateValidation()));
        assertThat(f.info).singleElement().satisfies(m -> assertThat(m)
                .contains("create this DNS record").containsPattern("CNAME  _[0-9a-f]{32}\\.hello\\.example\\.org\\.  ->  _[0-9a-f]{32}\\.acm-validations\\.aws\\."));
    }

    @Test
    void aCertificateNobodyValidatesTimesOutAfter45Minutes() {
        Spec outside = EdgeFixture.spec(new dev.gantry.spec.Certificate("hello.example.org", List.of(), null), null);
        Desired d = EdgeFixture.desired(outside, CERTIFICATE);
        Instant start = f.time.now();
        assertThatThrownBy(() -> f.run(new CertificateType().create(f.ctx(outside), d, d.props())))
                .isInstanceOfSatisfying(AwsFailure.class, e -> assertThat(e.kind()).isEqualTo(AwsFailure.Kind.TIMEOUT));
        assertThat(Duration.between(start, f.time.now())).isBetween(Duration.ofMinutes(45), Duration.ofMinutes(47));
        // the records to create, then a reminder every 15 minutes of the wait
        assertThat(f.info).hasSize(4).allSatisfy(m -> assertThat(m).contains("CNAME  _"));
        assertThat(f.info.get(1)).startsWith("still waiting for validation.");
    }

    @Test
    void aCertificateRequestIsIdempotentAcrossARerunOfItsStep() {
        Desired d = EdgeFixture.desired(spec, CERTIFICATE);
        Map<String, Object> props = EdgeFixture.resolve(d, Map.of("hosted-zone.main.id", f.zoneId));
        dev.gantry.resources.Step create = new CertificateType().create(ctx, d, props);
        Observed first = f.run(create);
        Observed again = f.run(create);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(f.world.state.acm.certificates).hasSize(1);
    }

    /** ACM answers a token within the hour with its first certificate, even deleted: the next intended one needs its own. */
    @Test
    void anotherIntendedCertificateWithinTheHourIsANewRequest() {
        Desired d = EdgeFixture.desired(spec, CERTIFICATE);
        Map<String, Object> props = EdgeFixture.resolve(d, Map.of("hosted-zone.main.id", f.zoneId));
        Observed first = f.run(new CertificateType().create(ctx, d, props));
        f.aws.acm().deleteCertificate(b -> b.certificateArn(first.id()));
        Observed next = f.run(new CertificateType().create(ctx, d, props));
        assertThat(next.id()).isNotEqualTo(first.id());
        assertThat(f.world.state.acm.certificates).containsOnlyKeys(next.id());
    }

    @Test
    void theAliasRefusesARecordSomeoneElseMade() {
        f.aws.route53().changeResourceRecordSets(b -> b.hostedZoneId(f.zoneId).changeBatch(cb -> cb.changes(ch -> ch
                .action(ChangeAction.CREATE).resourceRecordSet(rs -> rs.name("hello.example.com").type(RRType.CNAME).ttl(60L)
                        .resourceRecords(v -> v.value("old-site.example.net"))))));
        Desired d = EdgeFixture.desired(spec, DNS_RECORD);
        Map<String, Object> props = EdgeFixture.resolve(d, Map.of("hosted-zone.main.id", f.zoneId,
                "load-balancer.main.dnsName", "hello-alb-1.us-east-1.elb.amazonaws.com", "load-balancer.main.canonicalHostedZoneId", "Z35SXDOTRQ7X7K"));
        assertThatThrownBy(() -> f.run(new DnsRecordType().create(ctx, d, props)))
                .isInstanceOfSatisfying(AwsFailure.class, e -> assertThat(e.kind()).isEqualTo(AwsFailure.Kind.CONFLICT))
                .hasMessageContaining("already has a CNAME record that gantry did not create");
        assertThat(f.world.state.route53.hasRecord("hello.example.com", "CNAME", "old-site.example.net")).isTrue();
    }

    @Test
    void anotherAppsAliasIsNeitherTakenNorDeleted() {
        Desired d = EdgeFixture.desired(spec, DNS_RECORD);
        Map<String, Object> props = EdgeFixture.resolve(d, Map.of("hosted-zone.main.id", f.zoneId,
                "load-balancer.main.dnsName", "hello-alb-1.us-east-1.elb.amazonaws.com", "load-balancer.main.canonicalHostedZoneId", "Z35SXDOTRQ7X7K"));
        Spec otherApp = spec.withApp("other");
        Observed theirs = f.run(new DnsRecordType().create(f.ctx(otherApp), d, props));
        assertThatThrownBy(() -> f.run(new DnsRecordType().create(ctx, d, props))).hasMessageContaining("belongs to another gantry app");
        assertThat(new DnsRecordType().refresh(ctx)).isEmpty();
        f.run(new DnsRecordType().delete(ctx, theirs));
        assertThat(f.world.state.route53.hasRecord("_gantry.hello.example.com", "TXT", "\"gantry:app=other\"")).isTrue();
    }

    @Test
    void aMissingZoneSaysHowToFixIt() {
        Spec noZone = spec.withDns(new dev.gantry.spec.Dns("example.net", "hello.example.net"));
        Desired d = EdgeFixture.desired(noZone, HOSTED_ZONE);
        assertThatThrownBy(() -> new HostedZoneType().lookup(f.ctx(noZone), d))
                .isInstanceOfSatisfying(AwsFailure.class, e -> assertThat(e.fix()).contains("create the public hosted zone or fix dns.zone"))
                .hasMessageContaining("no public Route53 hosted zone named example.net");
    }

    @Test
    void anExistingCertificateMustBeIssuedAndCoverTheRecord() {
        String good = new SimAcm(f.world).seedIssued("*.example.com", List.of());
        String wrong = new SimAcm(f.world).seedIssued("shop.example.org", List.of());
        var handler = new CertificateType();
        for (String arn : List.of(good, wrong)) {
            Spec s = spec.withCertificate(new dev.gantry.spec.Certificate(null, List.of(), arn));
            Desired d = EdgeFixture.desired(s, CERTIFICATE);
            assertThat(d.data()).isTrue();
            if (arn.equals(good)) {
                assertThat(handler.lookup(f.ctx(s), d).orElseThrow().output("arn")).isEqualTo(good);
            } else {
                assertThatThrownBy(() -> handler.lookup(f.ctx(s), d)).hasMessageContaining("does not cover hello.example.com");
            }
        }
        String named = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
        Spec seeded = spec.withCertificate(new dev.gantry.spec.Certificate(null, List.of(), named));
        new SimAcm(f.world).seedIssued(named, "hello.example.com", List.of());
        assertThat(handler.lookup(f.ctx(seeded), EdgeFixture.desired(seeded, CERTIFICATE)).orElseThrow().id()).isEqualTo(named);
        String pending = f.aws.acm().requestCertificate(b -> b.domainName("hello.example.com").validationMethod("DNS")).certificateArn();
        Spec s = spec.withCertificate(new dev.gantry.spec.Certificate(null, List.of(), pending));
        assertThatThrownBy(() -> handler.lookup(f.ctx(s), EdgeFixture.desired(s, CERTIFICATE))).hasMessageContaining("PENDING_VALIDATION, not ISSUED");
    }

    @Test
    void loadBalancerAndTargetGroupUpdateInPlace() {
        Observed l = create(new LoadBalancerType(), LOAD_BALANCER);
        Observed t = create(new TargetGroupType(), TARGET_GROUP);
        Spec changed = spec.withLoadBalancer(new dev.gantry.spec.LoadBalancer("/healthz", 5, 120, List.of("0.0.0.0/0")));
        ResourceContext c2 = f.ctx(changed);
        Desired dl = EdgeFixture.desired(changed, LOAD_BALANCER);
        f.net.subnets.put("subnet-d", new dev.gantry.aws.sim.FakeNetwork.Subnet("vpc-1", "us-east-1c"));
        values.put("subnet.public-1.id", "subnet-d");
        Observed l2 = f.run(new LoadBalancerType().update(c2, l, dl, EdgeFixture.resolve(dl, values)));
        assertThat(l2.props()).containsEntry("idleTimeout", 120).containsEntry("subnets", List.of("subnet-a", "subnet-d"));
        assertThat(l2.id()).isEqualTo(l.id());
        Desired dt = EdgeFixture.desired(changed, TARGET_GROUP);
        Observed t2 = f.run(new TargetGroupType().update(c2, t, dt, EdgeFixture.resolve(dt, values)));
        assertThat(t2.props()).containsEntry("healthCheckPath", "/healthz").containsEntry("deregistrationDelay", 5);
        assertThat(new TargetGroupType().refresh(c2)).singleElement().satisfies(o -> assertThat(o.props()).isEqualTo(t2.props()));
    }

    @Test
    void aLoadBalancerNameTakenOutsideGantryIsNotAdopted() {
        f.aws.elb().createLoadBalancer(b -> b.name("hello-alb").subnets("subnet-a", "subnet-b"));
        assertThatThrownBy(() -> create(new LoadBalancerType(), LOAD_BALANCER))
                .isInstanceOfSatisfying(AwsFailure.class, e -> assertThat(e.kind()).isEqualTo(AwsFailure.Kind.CONFLICT));
    }

    @Test
    void refreshReadsTagsInBatchesAndKeepsOnlyThisApp() {
        for (int i = 0; i < 45; i++) {
            int n = i;
            f.aws.elb().createTargetGroup(b -> b.name("other-" + n).protocol("HTTP").port(80).vpcId("vpc-1").targetType("ip")
                    .tags(software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder().key("gantry:app").value("other").build()));
        }
        create(new TargetGroupType(), TARGET_GROUP);
        assertThat(new TargetGroupType().refresh(ctx)).extracting(Observed::address).containsExactly(TARGET_GROUP);
    }

    @Test
    void anHttpsListenerWaitsForAPendingCertificate() {
        create(new LoadBalancerType(), LOAD_BALANCER);
        create(new TargetGroupType(), TARGET_GROUP);
        String arn = f.aws.acm().requestCertificate(b -> b.domainName("hello.example.com").validationMethod("DNS")).certificateArn();
        values.put("certificate.main.arn", arn);
        f.time.schedule(Duration.ofMinutes(3), () -> {
            var rr = f.aws.acm().describeCertificate(b -> b.certificateArn(arn)).certificate().domainValidationOptions().get(0).resourceRecord();
            f.aws.route53().changeResourceRecordSets(b -> b.hostedZoneId(f.zoneId).changeBatch(cb -> cb.changes(ch -> ch
                    .action(ChangeAction.UPSERT).resourceRecordSet(rs -> rs.name(rr.name()).type(RRType.CNAME).ttl(60L)
                            .resourceRecords(v -> v.value(rr.value()))))));
        });
        Observed https = create(new ListenerType(), HTTPS_LISTENER);
        assertThat(https.props()).containsEntry("certificateArn", arn).containsEntry("port", 443);
    }

    @Test
    void anApplyThatDiedAfterTheRequestFinishesValidationOnTheNextRun() {
        Desired d = EdgeFixture.desired(spec, CERTIFICATE);
        Map<String, Object> props = EdgeFixture.resolve(d, Map.of("hosted-zone.main.id", f.zoneId));
        dev.gantry.aws.sim.SimFaults.of(f.world).crashAfterMutation(1);
        assertThatThrownBy(() -> f.run(new CertificateType().create(ctx, d, props))).isInstanceOf(dev.gantry.aws.sim.SimulatedCrash.class);
        dev.gantry.aws.sim.SimFaults.of(f.world).clear();

        f.time.advance(Duration.ofHours(2));
        Observed pending = new CertificateType().refresh(ctx).get(0);
        assertThat(pending.output("status")).isEqualTo("PENDING_VALIDATION");
        assertThat(pending.props()).doesNotContainKey("zoneId"); // differs from the desired props: the plan updates it
        Observed issued = f.run(new CertificateType().update(ctx, pending, d, props));
        assertThat(issued.id()).isEqualTo(pending.id());
        assertThat(issued.output("status")).isEqualTo("ISSUED");
        assertThat(new CertificateType().refresh(ctx).get(0).props()).isEqualTo(props);
    }

    @Test
    void theHttpListenerSwitchesFromForwardToRedirectInPlace() {
        create(new LoadBalancerType(), LOAD_BALANCER);
        create(new TargetGroupType(), TARGET_GROUP);
        Spec plain = EdgeFixture.spec(null, null);
        Desired forward = EdgeFixture.desired(plain, HTTP_LISTENER);
        Observed before = f.run(new ListenerType().create(f.ctx(plain), forward, EdgeFixture.resolve(forward, values)));
        assertThat(before.props().get("defaultAction")).isEqualTo(ListenerType.forward(values.get("target-group.main.arn")));

        Desired redirect = EdgeFixture.desired(spec, HTTP_LISTENER);
        Observed after = f.run(new ListenerType().update(ctx, before, redirect, EdgeFixture.resolve(redirect, values)));
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.props()).isEqualTo(resolved(HTTP_LISTENER));
        assertThat(f.world.state.elb.targetGroupHasLoadBalancer(values.get("target-group.main.arn"))).isFalse();
    }
}
