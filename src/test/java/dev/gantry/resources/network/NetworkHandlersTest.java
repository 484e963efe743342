package dev.gantry.resources.network;

import dev.gantry.aws.AwsFailure;
import dev.gantry.aws.sim.SimulatedCrash;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import dev.gantry.spec.Certificate;
import dev.gantry.spec.LoadBalancer;
import dev.gantry.spec.NatMode;
import dev.gantry.spec.Network;
import dev.gantry.testing.Drive;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NatGateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkHandlersTest {
    private final NetworkHarness h = new NetworkHarness(
            NetworkHarness.spec(Network.newVpc("10.0.0.0/16", 2, NatMode.SINGLE), LoadBalancer.defaults()));

    private Desired desired(String address) {
        return h.desired().stream().filter(d -> d.address().toString().equals(address)).findFirst().orElseThrow();
    }

    private Observed applyOne(String address) {
        Observed o = h.apply(desired(address));
        h.applied.put(o.address(), o);
        return o;
    }

    private void applyUpTo(String... addresses) { for (String a : addresses) applyOne(a); }

    private List<NatGateway> nats() { return h.ctx.aws().ec2().describeNatGateways(b -> {}).natGateways(); }

    @Test
    void createdResourcesCarryTheAppsTags() {
        applyUpTo("zones.main", "vpc.main");
        var vpc = h.ctx.aws().ec2().describeVpcs(b -> b.vpcIds(h.applied.get(Addresses.VPC).id())).vpcs().get(0);
        assertThat(vpc.tags()).extracting(t -> t.key() + "=" + t.value())
                .contains("gantry:app=hello", "gantry:component=vpc.main", "Name=hello-main", "team=web");
    }

    @Test
    void aRerunCreateAdoptsWhatTheFirstRunMade() {
        applyUpTo("zones.main", "vpc.main");
        Observed again = h.apply(desired("vpc.main"));
        assertThat(again.id()).isEqualTo(h.applied.get(Addresses.VPC).id());
        assertThat(h.ctx.aws().ec2().describeVpcs(b -> b.filters(Filter.builder().name("tag:gantry:app").values("hello").build())).vpcs())
                .hasSize(1);
    }

    @Test
    void aCrashRightAfterCreateNatGatewayResumesOntoTheSameGateway() {
        applyUpTo("zones.main", "vpc.main", "subnet.public-0", "internet-gateway.main", "eip.nat-0");
        Desired nat = desired("nat-gateway.nat-0");
        // The next mutating call is CreateNatGateway: it takes effect, then the process "dies".
        dev.gantry.aws.sim.SimFaults.of(h.world).crashAfterMutation(h.world.mutatingCalls() + 1);
        assertThatThrownBy(() -> h.apply(nat)).isInstanceOf(SimulatedCrash.class);
        dev.gantry.aws.sim.SimFaults.of(h.world).clear();
        Observed resumed = h.apply(nat);
        assertThat(nats()).singleElement().satisfies(n -> {
            assertThat(n.natGatewayId()).isEqualTo(resumed.id());
            assertThat(n.stateAsString()).isEqualTo("available");
        });
    }

    @Test
    void theClientTokenIsStableAndFitsAwsLimits() {
        String t1 = NatGatewayType.clientToken("hello", Address.parse("nat-gateway.nat-0"), "subnet-1", "eipalloc-1", 1);
        assertThat(t1).isEqualTo(NatGatewayType.clientToken("hello", Address.parse("nat-gateway.nat-0"), "subnet-1", "eipalloc-1", 1));
        assertThat(t1).isNotEqualTo(NatGatewayType.clientToken("hello", Address.parse("nat-gateway.nat-1"), "subnet-1", "eipalloc-1", 1));
        assertThat(t1.length()).isLessThanOrEqualTo(64);
    }

    @Test
    void aNatGatewayRecreatedAfterDeleteWithTheSameInputsIsANewOne() {
        applyUpTo("zones.main", "vpc.main", "subnet.public-0", "internet-gateway.main", "eip.nat-0");
        Observed first = applyOne("nat-gateway.nat-0");
        Drive.run(h.type(first.address()).delete(h.ctx, first), h.clock);
        assertThat(h.refresh().keySet()).doesNotContain(first.address());
        // Same subnet and address give the same client token, which AWS maps to the deleted gateway.
        Observed second = h.apply(desired("nat-gateway.nat-0"));
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(nats()).filteredOn(n -> n.stateAsString().equals("available")).singleElement()
                .satisfies(n -> assertThat(n.natGatewayId()).isEqualTo(second.id()));
    }

    @Test
    void aNatGatewayInAVpcWithoutInternetGatewayFailsWithAFix() {
        applyUpTo("zones.main", "vpc.main", "subnet.public-0", "eip.nat-0");
        h.applied.put(Addresses.IGW, new Observed(Addresses.IGW, "igw-none", Map.of(), Map.of("id", "igw-none")));
        assertThatThrownBy(() -> h.apply(desired("nat-gateway.nat-0"))).isInstanceOf(AwsFailure.class)
                .hasMessageContaining("Gateway.NotAttached")
                .satisfies(e -> assertThat(((AwsFailure) e).fix()).contains("internet gateway"));
    }

    @Test
    void aDeletingNatGatewayIsGoneForPlanning() {
        applyUpTo("zones.main", "vpc.main", "subnet.public-0", "internet-gateway.main", "eip.nat-0", "nat-gateway.nat-0");
        Observed nat = h.applied.get(Address.parse("nat-gateway.nat-0"));
        h.ctx.aws().ec2().deleteNatGateway(b -> b.natGatewayId(nat.id()));
        assertThat(nats()).singleElement().satisfies(n -> assertThat(n.stateAsString()).isEqualTo("deleting"));
        assertThat(h.refresh().keySet()).doesNotContain(nat.address());
    }

    @Test
    void aNatDeletedByHandIsRecreatedOnceTheOldOneLetsGoOfTheAddress() {
        applyUpTo("zones.main", "vpc.main", "subnet.public-0", "internet-gateway.main", "eip.nat-0", "nat-gateway.nat-0");
        Observed old = h.applied.get(Address.parse("nat-gateway.nat-0"));
        h.ctx.aws().ec2().deleteNatGateway(b -> b.natGatewayId(old.id()));
        var before = h.clock.now();
        Observed fresh = h.apply(desired("nat-gateway.nat-0"));
        // 60 s for the old one to go, 95 s for the new one to come up.
        assertThat(Duration.between(before, h.clock.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(155));
        assertThat(fresh.id()).isNotEqualTo(old.id());
        assertThat(nats()).noneMatch(n -> n.stateAsString().equals("failed"))
                .filteredOn(n -> n.stateAsString().equals("available")).singleElement()
                .satisfies(n -> assertThat(n.natGatewayId()).isEqualTo(fresh.id()));
    }

    @Test
    void natDeleteWaitsUntilTheAddressCanBeReleased() {
        applyUpTo("zones.main", "vpc.main", "subnet.public-0", "internet-gateway.main", "eip.nat-0", "nat-gateway.nat-0");
        Observed nat = h.applied.get(Address.parse("nat-gateway.nat-0"));
        var before = h.clock.now();
        Drive.run(h.type(nat.address()).delete(h.ctx, nat), h.clock);
        assertThat(Duration.between(before, h.clock.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        Observed eip = h.applied.get(Address.parse("eip.nat-0"));
        Drive.run(h.type(eip.address()).delete(h.ctx, eip), h.clock);
        assertThat(h.ctx.aws().ec2().describeAddresses(b -> {}).addresses()).isEmpty();
        // Deleting again is harmless: a destroy may be re-run.
        Drive.run(h.type(nat.address()).delete(h.ctx, nat), h.clock);
        Drive.run(h.type(eip.address()).delete(h.ctx, eip), h.clock);
    }

    @Test
    void securityGroupUpdateAuthorizesAndRevokesOnlyTheDifference() {
        applyUpTo("zones.main", "vpc.main", "security-group.load-balancer");
        Observed lb = h.applied.get(Addresses.LB_SG);
        assertThat(lb.props().get("ingress")).isEqualTo(List.of(Map.of("port", 80, "cidr", "0.0.0.0/0")));

        h.use(h.spec.withLoadBalancer(new LoadBalancer("/", 30, 60, List.of("203.0.113.0/24")))
                .withCertificate(new Certificate("hello.example.com", null, null)));
        Desired now = desired("security-group.load-balancer");
        Observed updated = Drive.run(h.type(lb.address()).update(h.ctx, lb, now, h.resolve(now.props())), h.clock);
        assertThat(updated.id()).isEqualTo(lb.id());
        assertThat(updated.props().get("ingress")).isEqualTo(List.of(
                Map.of("port", 80, "cidr", "203.0.113.0/24"), Map.of("port", 443, "cidr", "203.0.113.0/24")));
        assertThat(h.refresh().get(Addresses.LB_SG).props()).isEqualTo(updated.props());
    }

    @Test
    void serviceGroupAdmitsOnlyTheLoadBalancerGroup() {
        applyUpTo("zones.main", "vpc.main", "security-group.load-balancer", "security-group.service");
        Observed svc = h.applied.get(Addresses.SERVICE_SG);
        assertThat(svc.props().get("ingress")).isEqualTo(List.of(
                Map.of("port", 8080, "sourceGroup", h.applied.get(Addresses.LB_SG).id())));
        assertThat(svc.props().get("description")).isEqualTo("gantry hello: service tasks");
    }

    @Test
    @SuppressWarnings("unchecked")
    void routeTableUpdateRetargetsRoutesAndMovesSubnets() {
        applyUpTo("zones.main", "vpc.main", "subnet.public-0", "subnet.public-1", "internet-gateway.main", "route-table.public");
        Observed rt = h.applied.get(Addresses.PUBLIC_ROUTES);
        String pub0 = h.applied.get(Addresses.publicSubnet(0)).id();
        String pub1 = h.applied.get(Addresses.publicSubnet(1)).id();
        assertThat((List<Object>) rt.props().get("subnets")).containsExactlyInAnyOrder(pub0, pub1);

        String igw = h.applied.get(Addresses.IGW).id();
        Map<String, Object> props = Map.of("vpcId", rt.props().get("vpcId"),
                "routes", Map.of("0.0.0.0/0", igw, "192.0.2.0/24", igw), "subnets", List.of(pub1));
        Observed updated = Drive.run(h.type(rt.address()).update(h.ctx, rt, desired("route-table.public"), props), h.clock);
        assertThat(updated.id()).isEqualTo(rt.id());
        assertThat(updated.props().get("routes")).isEqualTo(Map.of("0.0.0.0/0", igw, "192.0.2.0/24", igw));
        assertThat(updated.props().get("subnets")).isEqualTo(List.of(pub1));
        // The subnet it let go of falls back to the VPC's main table, which has no way out.
        assertThat(h.world.state.ec2.subnetReachesInternet(pub0, true, h.clock.now())).isFalse();

        Drive.run(h.type(rt.address()).delete(h.ctx, updated), h.clock);
        assertThat(h.refresh().keySet()).doesNotContain(rt.address());
    }

    @Test
    void internetGatewayDeleteDetachesFirst() {
        applyUpTo("zones.main", "vpc.main", "internet-gateway.main");
        Observed igw = h.applied.get(Addresses.IGW);
        assertThat(igw.props().get("vpcId")).isEqualTo(h.applied.get(Addresses.VPC).id());
        Drive.run(h.type(igw.address()).delete(h.ctx, igw), h.clock);
        assertThat(h.ctx.aws().ec2().describeInternetGateways(b -> b.filters(Filter.builder().name("tag:gantry:app").values("hello").build()))
                .internetGateways()).isEmpty();
        Observed vpc = h.applied.get(Addresses.VPC);
        Drive.run(h.type(vpc.address()).delete(h.ctx, vpc), h.clock);
        assertThat(h.world.state.ec2.vpcExists(vpc.id())).isFalse();
    }

    @Test
    void vpcDnsSettingsAreUpdatedInPlace() {
        applyUpTo("zones.main", "vpc.main");
        Observed vpc = h.applied.get(Addresses.VPC);
        assertThat(vpc.props()).containsEntry("enableDnsHostnames", true).containsEntry("enableDnsSupport", true);
        Map<String, Object> props = Map.of("cidr", "10.0.0.0/16", "enableDnsSupport", false, "enableDnsHostnames", false);
        Observed updated = Drive.run(h.type(vpc.address()).update(h.ctx, vpc, desired("vpc.main"), props), h.clock);
        assertThat(updated.props()).containsEntry("enableDnsHostnames", false).containsEntry("enableDnsSupport", false);
    }

    @Test
    void subnetsTakeTheirZoneFromTheZonesLookup() {
        applyUpTo("zones.main", "vpc.main", "subnet.private-1");
        Observed s = h.applied.get(Addresses.privateSubnet(1));
        assertThat(s.props()).containsEntry("availabilityZone", "us-east-1b").containsEntry("mapPublicIpOnLaunch", false)
                .containsEntry("cidr", "10.0.160.0/19");
        assertThat(h.applied.get(Addresses.ZONES).outputs()).containsEntry("az0", "us-east-1a").containsEntry("az5", "us-east-1f");
    }

    @Test
    void tooFewZonesInTheRegionIsAPlainError() {
        NetworkHarness west = new NetworkHarness(NetworkHarness.spec(Network.newVpc("10.0.0.0/16", 3, NatMode.SINGLE), null));
        west.world.state.region = "us-west-1";
        west.use(west.spec.withRegion("us-west-1"));
        Desired zones = west.desired().stream().filter(d -> d.address().equals(Addresses.ZONES)).findFirst().orElseThrow();
        assertThatThrownBy(() -> west.apply(zones)).isInstanceOf(AwsFailure.class)
                .hasMessageContaining("us-west-1 has 2 availability zones")
                .satisfies(e -> assertThat(((AwsFailure) e).fix()).contains("network.availabilityZones to 2"));
    }
}
