package dev.gantry.resources.network;

import dev.gantry.aws.sim.Ec2State;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import dev.gantry.spec.LoadBalancer;
import dev.gantry.spec.NatMode;
import dev.gantry.spec.Network;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole network piece against the simulated account: apply, refresh to no changes, destroy. */
class NetworkApplyTest {

    @Test
    void singleNatNetworkIsBuiltFoundAgainAndTornDown() {
        NetworkHarness h = new NetworkHarness(NetworkHarness.spec(Network.newVpc("10.0.0.0/16", 2, NatMode.SINGLE), LoadBalancer.defaults()));
        Instant start = h.clock.now();
        Map<Address, Observed> made = h.applyAll();
        // The NAT gateway is the long pole: apply waited for it, and no longer than a poll interval past it.
        assertThat(Duration.between(start, h.clock.now())).isBetween(Duration.ofSeconds(95), Duration.ofSeconds(101));

        Ec2State ec2 = h.world.state.ec2;
        Instant now = h.clock.now();
        String private0 = made.get(Addresses.privateSubnet(0)).id();
        String public1 = made.get(Addresses.publicSubnet(1)).id();
        assertThat(ec2.subnetReachesInternet(private0, false, now)).isTrue();
        assertThat(ec2.subnetReachesInternet(public1, true, now)).isTrue();
        assertThat(ec2.availabilityZoneOfSubnet(public1)).isEqualTo("us-east-1b");

        assertRefreshMatchesDesired(h);
        assertServiceSubnetsResolve(h, List.of(private0, made.get(Addresses.privateSubnet(1)).id()));

        h.destroyAll();
        assertThat(h.refresh()).isEmpty();
        // Only the account's default VPC is left.
        assertThat(h.ctx.aws().ec2().describeVpcs(b -> {}).vpcs()).singleElement()
                .satisfies(v -> assertThat(v.isDefault()).isTrue());
        assertThat(h.ctx.aws().ec2().describeAddresses(b -> {}).addresses()).isEmpty();
    }

    @Test
    void perAzNetworkGivesEveryPrivateSubnetItsOwnWayOut() {
        NetworkHarness h = new NetworkHarness(NetworkHarness.spec(Network.newVpc("10.1.0.0/20", 3, NatMode.PER_AZ), LoadBalancer.defaults()));
        Map<Address, Observed> made = h.applyAll();
        for (int i = 0; i < 3; i++) {
            String sub = made.get(Addresses.privateSubnet(i)).id();
            assertThat(h.world.state.ec2.subnetReachesInternet(sub, false, h.clock.now())).isTrue();
            Observed rt = made.get(Address.of("route-table", "private-" + i));
            assertThat(rt.props().get("routes")).isEqualTo(Map.of("0.0.0.0/0", made.get(Address.of("nat-gateway", "nat-" + i)).id()));
        }
        assertRefreshMatchesDesired(h);
        assertServiceSubnetsResolve(h, List.of(made.get(Addresses.privateSubnet(0)).id(),
                made.get(Addresses.privateSubnet(1)).id(), made.get(Addresses.privateSubnet(2)).id()));
        h.destroyAll();
        assertThat(h.refresh()).isEmpty();
    }

    @Test
    void noNatNetworkHasOnlyPublicSubnets() {
        NetworkHarness h = new NetworkHarness(NetworkHarness.spec(Network.newVpc("10.0.0.0/16", 2, NatMode.NONE), null));
        Map<Address, Observed> made = h.applyAll();
        assertThat(made.keySet()).noneMatch(a -> a.type().equals("nat-gateway"));
        String pub = made.get(Addresses.publicSubnet(0)).id();
        assertThat(h.world.state.ec2.subnetReachesInternet(pub, true, h.clock.now())).isTrue();
        assertRefreshMatchesDesired(h);
        assertServiceSubnetsResolve(h, List.of(pub, made.get(Addresses.publicSubnet(1)).id()));
    }

    @Test
    void defaultVpcModeFindsTheDefaultSubnetsOfTheFirstTwoZones() {
        NetworkHarness h = new NetworkHarness(NetworkHarness.spec(Network.defaultVpc(), LoadBalancer.defaults()));
        Map<Address, Observed> made = h.applyAll();
        assertThat(made.get(Addresses.VPC).output("cidr")).isEqualTo("172.31.0.0/16");
        assertThat(made.get(Addresses.publicSubnet(0)).output("az")).isEqualTo("us-east-1a");
        assertThat(made.get(Addresses.publicSubnet(1)).output("az")).isEqualTo("us-east-1b");
        assertThat(made.get(Addresses.SERVICE_SG).props().get("vpcId")).isEqualTo(made.get(Addresses.VPC).id());
        // Only the security groups are gantry's; destroy leaves the default VPC alone.
        assertThat(h.refresh().keySet()).containsExactly(Addresses.LB_SG, Addresses.SERVICE_SG);
        h.destroyAll();
        assertThat(h.ctx.aws().ec2().describeSubnets(b -> b.filters(Filter.builder().name("default-for-az").values("true").build()))
                .subnets()).hasSize(6);
    }

    @Test
    void throttlingAndServerErrorsNeitherDuplicateNorOrphanAnything() {
        NetworkHarness h = new NetworkHarness(NetworkHarness.spec(Network.newVpc("10.0.0.0/16", 2, NatMode.PER_AZ), LoadBalancer.defaults()));
        h.retrying = true;
        dev.gantry.aws.sim.SimFaults.of(h.world).throttle(0.3).serverErrors(0.05);
        h.applyAll();
        var ec2 = h.ctx.aws().ec2();
        dev.gantry.aws.sim.SimFaults.of(h.world).clear();
        Filter mine = Filter.builder().name("tag:gantry:app").values("hello").build();
        assertThat(ec2.describeVpcs(b -> b.filters(mine)).vpcs()).hasSize(1);
        assertThat(ec2.describeSubnets(b -> b.filters(mine)).subnets()).hasSize(4);
        assertThat(ec2.describeNatGateways(b -> b.filter(mine)).natGateways()).hasSize(2);
        assertThat(ec2.describeAddresses(b -> b.filters(mine)).addresses()).hasSize(2);
        assertThat(ec2.describeRouteTables(b -> b.filters(mine)).routeTables()).hasSize(3);
        assertThat(ec2.describeSecurityGroups(b -> b.filters(mine)).securityGroups()).hasSize(2);
        assertRefreshMatchesDesired(h);

        dev.gantry.aws.sim.SimFaults.of(h.world).throttle(0.3).serverErrors(0.05);
        h.destroyAll();
        dev.gantry.aws.sim.SimFaults.of(h.world).clear();
        assertThat(h.refresh()).isEmpty();
        assertThat(ec2.describeAddresses(b -> {}).addresses()).isEmpty();
    }

    @Test
    void anotherAppsResourcesAreNotRefreshed() {
        NetworkHarness mine = new NetworkHarness(NetworkHarness.spec(Network.newVpc("10.0.0.0/16", 2, NatMode.NONE), null));
        mine.applyAll();
        mine.use(mine.spec.withApp("other"));
        assertThat(mine.refresh()).isEmpty();
    }

    /** The service's subnet refs give the subnet ids, both right after apply and after a fresh refresh. */
    private static void assertServiceSubnetsResolve(NetworkHarness h, List<String> subnetIds) {
        Map<String, Object> refs = Map.of("subnets", NetworkResources.serviceSubnetRefs(h.spec));
        assertThat(h.resolve(refs).get("subnets")).isEqualTo(subnetIds);
        h.applied.putAll(h.refresh());
        assertThat(h.resolve(refs).get("subnets")).isEqualTo(subnetIds);
    }

    /** What the planner would do: refs resolved, the observed props equal the desired ones. */
    private static void assertRefreshMatchesDesired(NetworkHarness h) {
        Map<Address, Observed> seen = h.refresh();
        for (Desired d : h.desired()) {
            if (d.data()) continue;
            Observed o = seen.get(d.address());
            assertThat(o).as(d.address().toString()).isNotNull();
            // Lists of other resources compare as sets, as the planner compares them.
            Map<String, Object> want = new java.util.LinkedHashMap<>(h.resolve(d.props()));
            if (want.get("subnets") instanceof List<?> l) want.put("subnets", l.stream().map(String::valueOf).sorted().toList());
            assertThat(o.props()).as(d.address().toString()).isEqualTo(want);
        }
    }
}
