package dev.gantry.aws.sim;

import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.*;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimRoute53Test {
    private final VirtualScheduler time = new VirtualScheduler();
    private final SimWorld world = new SimWorld(new SimState(), time, SimLatency.realistic());
    private final SimRoute53 r53 = new SimRoute53(world);
    private final String zone = world.state.route53.ensureZone("example.com");

    private static Change change(ChangeAction action, String name, RRType type, String... values) {
        return Change.builder().action(action).resourceRecordSet(ResourceRecordSet.builder().name(name).type(type).ttl(300L)
                .resourceRecords(java.util.Arrays.stream(values).map(v -> ResourceRecord.builder().value(v).build()).toList()).build()).build();
    }

    private ChangeInfo apply(Change... changes) {
        return r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(cb -> cb.changes(changes))).changeInfo();
    }

    @Test
    void ensureZoneIsStableAndFindableByName() {
        assertThat(world.state.route53.ensureZone("Example.com.")).isEqualTo(zone);
        List<HostedZone> zones = r53.listHostedZonesByName(b -> b.dnsName("example.com")).hostedZones();
        assertThat(zones).extracting(HostedZone::id, HostedZone::name).containsExactly(org.assertj.core.groups.Tuple.tuple(zone, "example.com."));
        assertThat(r53.getHostedZone(b -> b.id("/hostedzone/" + zone)).hostedZone().config().privateZone()).isFalse();
        assertThatThrownBy(() -> r53.getHostedZone(b -> b.id("Z0NOPE"))).isInstanceOf(NoSuchHostedZoneException.class);
    }

    @Test
    void createdZonesHaveApexRecordsAndCallerReferencesAreUnique() {
        String id = r53.createHostedZone(b -> b.name("other.org").callerReference("ref-1")).hostedZone().id();
        assertThat(r53.listResourceRecordSets(b -> b.hostedZoneId(id)).resourceRecordSets())
                .extracting(ResourceRecordSet::typeAsString).containsExactly("NS", "SOA");
        assertThatThrownBy(() -> r53.createHostedZone(b -> b.name("third.org").callerReference("ref-1")))
                .isInstanceOf(HostedZoneAlreadyExistsException.class);
        // ListHostedZonesByName orders by reversed labels: com.example before org.other
        assertThat(r53.listHostedZonesByName(b -> b.maxItems("1")).hostedZones().get(0).name()).isEqualTo("example.com.");
    }

    @Test
    void changeBatchRules() {
        apply(change(ChangeAction.CREATE, "www.example.com", RRType.CNAME, "target.example.net"));
        assertThatThrownBy(() -> apply(change(ChangeAction.CREATE, "www.example.com", RRType.CNAME, "target.example.net")))
                .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("but it already exists");
        assertThatThrownBy(() -> apply(change(ChangeAction.DELETE, "www.example.com", RRType.CNAME, "elsewhere.example.net")))
                .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("values provided do not match");
        assertThatThrownBy(() -> apply(change(ChangeAction.DELETE, "nope.example.com", RRType.TXT, "\"x\"")))
                .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("but it was not found");
        assertThatThrownBy(() -> apply(change(ChangeAction.UPSERT, "www.example.com", RRType.TXT, "\"owner\"")))
                .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("conflicting RRSet of type CNAME");
        assertThatThrownBy(() -> apply(change(ChangeAction.UPSERT, "txt.example.com", RRType.TXT, "unquoted")))
                .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("enclosed in quotation marks");
        assertThatThrownBy(() -> apply(change(ChangeAction.CREATE, "www.example.org", RRType.TXT, "\"x\"")))
                .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("not permitted in zone example.com.");
        apply(change(ChangeAction.DELETE, "www.example.com", RRType.CNAME, "target.example.net."));
        assertThat(world.state.route53.hasRecord("www.example.com", "CNAME", "target.example.net")).isFalse();
    }

    @Test
    void aBatchIsAllOrNothing() {
        assertThatThrownBy(() -> apply(change(ChangeAction.CREATE, "a.example.com", RRType.TXT, "\"1\""),
                change(ChangeAction.DELETE, "missing.example.com", RRType.TXT, "\"2\"")))
                .isInstanceOf(InvalidChangeBatchException.class);
        assertThat(world.state.route53.hasRecord("a.example.com", "TXT", "\"1\"")).isFalse();
    }

    @Test
    void aliasRecordsAndInputValidation() {
        Change alias = Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(ResourceRecordSet.builder()
                .name("hello.example.com").type(RRType.A).aliasTarget(AliasTarget.builder().hostedZoneId("Z35SXDOTRQ7X7K")
                        .dnsName("hello-alb-1.us-east-1.elb.amazonaws.com").evaluateTargetHealth(true).build()).build()).build();
        apply(alias);
        ResourceRecordSet a = r53.listResourceRecordSets(b -> b.hostedZoneId(zone).startRecordName("hello.example.com").startRecordType(RRType.A)
                .maxItems("1")).resourceRecordSets().get(0);
        assertThat(a.aliasTarget().dnsName()).isEqualTo("hello-alb-1.us-east-1.elb.amazonaws.com.");
        Change both = Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(alias.resourceRecordSet().toBuilder().ttl(60L).build()).build();
        assertThatThrownBy(() -> apply(both)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> r53.listResourceRecordSets(b -> b.hostedZoneId(zone).startRecordType(RRType.A)))
                .isInstanceOf(InvalidInputException.class);
        Change wrongTarget = Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(alias.resourceRecordSet().toBuilder()
                .aliasTarget(alias.resourceRecordSet().aliasTarget().toBuilder().dnsName("example.net").build()).build()).build();
        assertThatThrownBy(() -> apply(wrongTarget)).isInstanceOf(InvalidChangeBatchException.class)
                .hasMessageContaining("does not lie within the target zone");
    }

    @Test
    void listingPagesInReversedLabelOrder() {
        apply(change(ChangeAction.CREATE, "b.example.com", RRType.TXT, "\"b\""),
                change(ChangeAction.CREATE, "a.b.example.com", RRType.TXT, "\"ab\""),
                change(ChangeAction.CREATE, "c.example.com", RRType.TXT, "\"c\""));
        ListResourceRecordSetsResponse first = r53.listResourceRecordSets(b -> b.hostedZoneId(zone).maxItems("3"));
        assertThat(first.resourceRecordSets()).extracting(ResourceRecordSet::name)
                .containsExactly("example.com.", "example.com.", "b.example.com.");
        assertThat(first.isTruncated()).isTrue();
        ListResourceRecordSetsResponse second = r53.listResourceRecordSets(b -> b.hostedZoneId(zone)
                .startRecordName(first.nextRecordName()).startRecordType(first.nextRecordType()).maxItems("3"));
        assertThat(second.resourceRecordSets()).extracting(ResourceRecordSet::name).containsExactly("a.b.example.com.", "c.example.com.");
        assertThat(second.isTruncated()).isFalse();
    }

    @Test
    void changesArePendingThenInSync() {
        ChangeInfo info = apply(change(ChangeAction.UPSERT, "t.example.com", RRType.TXT, "\"v\""));
        assertThat(info.status()).isEqualTo(ChangeStatus.PENDING);
        time.advance(SimRoute53.PROPAGATION.minusSeconds(1));
        assertThat(r53.getChange(b -> b.id(info.id())).changeInfo().status()).isEqualTo(ChangeStatus.PENDING);
        time.advance(Duration.ofSeconds(1));
        assertThat(r53.getChange(b -> b.id("/change/" + info.id())).changeInfo().status()).isEqualTo(ChangeStatus.INSYNC);
    }
}
