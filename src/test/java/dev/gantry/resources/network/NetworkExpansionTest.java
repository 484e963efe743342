package dev.gantry.resources.network;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Ref;
import dev.gantry.resources.Addresses;
import dev.gantry.spec.Certificate;
import dev.gantry.spec.LoadBalancer;
import dev.gantry.spec.NatMode;
import dev.gantry.spec.Network;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkExpansionTest {
    private static List<Desired> expand(Spec spec) {
        List<Desired> out = new ArrayList<>();
        NetworkResources.expand(spec, out);
        return out;
    }

    private static Desired find(List<Desired> all, String address) {
        return all.stream().filter(d -> d.address().toString().equals(address)).findFirst().orElseThrow(() -> new AssertionError(address));
    }

    private static List<String> addresses(List<Desired> all) { return all.stream().map(d -> d.address().toString()).sorted().toList(); }

    @Test
    void newVpcWithOneNatHasPublicAndPrivateSubnetsCarvedFromTheCidr() {
        List<Desired> all = expand(NetworkHarness.spec(Network.newVpc("10.0.0.0/16", 2, NatMode.SINGLE), LoadBalancer.defaults()));
        assertThat(addresses(all)).containsExactly("eip.nat-0", "internet-gateway.main", "nat-gateway.nat-0",
                "route-table.private", "route-table.public", "security-group.load-balancer", "security-group.service",
                "subnet.private-0", "subnet.private-1", "subnet.public-0", "subnet.public-1", "vpc.main", "zones.main");
        assertThat(find(all, "subnet.public-0").props().get("cidr")).isEqualTo("10.0.0.0/19");
        assertThat(find(all, "subnet.public-1").props().get("cidr")).isEqualTo("10.0.32.0/19");
        assertThat(find(all, "subnet.private-0").props().get("cidr")).isEqualTo("10.0.128.0/19");
        assertThat(find(all, "subnet.private-1").props().get("cidr")).isEqualTo("10.0.160.0/19");
        assertThat(find(all, "subnet.private-1").props().get("availabilityZone")).isEqualTo(Ref.to(Addresses.ZONES, "az1"));
        assertThat(find(all, "vpc.main").guarded()).isTrue();
        assertThat(find(all, "subnet.public-0").description()).contains("load balancer").contains("NAT gateway");
        assertThat(find(all, "subnet.public-1").description()).contains("load balancer").doesNotContain("NAT");
        assertThat(find(all, "zones.main").data()).isTrue();
        assertThat(find(all, "nat-gateway.nat-0").dependsOn()).contains(Address.parse("subnet.public-0"),
                Address.parse("eip.nat-0"), Address.parse("internet-gateway.main"));
        assertThat(find(all, "route-table.private").props().get("subnets"))
                .isEqualTo(List.of(Ref.to(Address.parse("subnet.private-0"), "id"), Ref.to(Address.parse("subnet.private-1"), "id")));
        assertThat(find(all, "route-table.private").dependsOn()).contains(Addresses.PUBLIC_ROUTES,
                Address.parse("nat-gateway.nat-0"), Address.parse("subnet.private-0"));
        assertThat(find(all, "route-table.private").props().get("routes"))
                .isEqualTo(Map.of("0.0.0.0/0", Ref.to(Address.parse("nat-gateway.nat-0"), "id")));
    }

    @Test
    void perAzNatGivesEachZoneItsOwnGatewayAndRouteTable() {
        List<Desired> all = expand(NetworkHarness.spec(Network.newVpc("10.20.0.0/24", 3, NatMode.PER_AZ), LoadBalancer.defaults()));
        assertThat(addresses(all)).contains("nat-gateway.nat-0", "nat-gateway.nat-1", "nat-gateway.nat-2",
                "eip.nat-2", "route-table.private-0", "route-table.private-2").doesNotContain("route-table.private");
        assertThat(find(all, "subnet.public-2").props().get("cidr")).isEqualTo("10.20.0.64/27");
        assertThat(find(all, "subnet.private-2").props().get("cidr")).isEqualTo("10.20.0.192/27");
        assertThat(find(all, "nat-gateway.nat-2").props().get("subnetId")).isEqualTo(Ref.to(Address.parse("subnet.public-2"), "id"));
        assertThat(find(all, "route-table.private-1").props().get("subnets")).isEqualTo(List.of(Ref.to(Address.parse("subnet.private-1"), "id")));
        assertThat(find(all, "route-table.private-2").dependsOn()).contains(Addresses.PUBLIC_ROUTES, Address.parse("nat-gateway.nat-2"));
    }

    @Test
    void noNatMeansNoPrivateSubnetsAndTasksGetPublicIps() {
        Spec spec = NetworkHarness.spec(Network.newVpc("10.0.0.0/16", 2, NatMode.NONE), LoadBalancer.defaults());
        List<Desired> all = expand(spec);
        assertThat(addresses(all)).noneMatch(a -> a.contains("private") || a.contains("nat"));
        assertThat(NetworkResources.assignPublicIp(spec)).isTrue();
        assertThat(NetworkResources.serviceSubnetRefs(spec)).isEqualTo(NetworkResources.publicSubnetRefs(spec));
    }

    @Test
    void tasksRunInPrivateSubnetsWhenThereIsNat() {
        Spec single = NetworkHarness.spec(Network.newVpc("10.0.0.0/16", 2, NatMode.SINGLE), null);
        assertThat(NetworkResources.serviceSubnetRefs(single)).containsExactly(
                Ref.to(Address.parse("subnet.private-0"), "id"), Ref.to(Address.parse("subnet.private-1"), "id"));
        Spec perAz = NetworkHarness.spec(Network.newVpc("10.0.0.0/16", 3, NatMode.PER_AZ), null);
        assertThat(NetworkResources.serviceSubnetRefs(perAz)).hasSize(3);
        assertThat(NetworkResources.assignPublicIp(single)).isFalse();
        assertThat(NetworkResources.publicSubnetRefs(perAz)).hasSize(3)
                .allSatisfy(r -> assertThat(r.address().type()).isEqualTo("subnet"));
    }

    @Test
    void defaultVpcIsReadOnlyWithTwoDefaultSubnets() {
        Spec spec = NetworkHarness.spec(Network.defaultVpc(), null);
        List<Desired> all = expand(spec);
        assertThat(addresses(all)).containsExactly("security-group.service", "subnet.public-0", "subnet.public-1", "vpc.main");
        assertThat(all.stream().filter(d -> !d.address().type().equals("security-group"))).allMatch(Desired::data);
        assertThat(find(all, "security-group.service").props().get("ingress")).isEqualTo(List.of());
        assertThat(NetworkResources.assignPublicIp(spec)).isTrue();
        assertThat(NetworkResources.serviceSubnetRefs(spec)).isEqualTo(NetworkResources.publicSubnetRefs(spec));
    }

    @Test
    void existingVpcReadsTheGivenSubnetsAndTasksUseThePrivateOnes() {
        Spec spec = NetworkHarness.spec(Network.existing("vpc-1", List.of("subnet-a", "subnet-b"), List.of("subnet-c", "subnet-d")),
                LoadBalancer.defaults());
        List<Desired> all = expand(spec);
        assertThat(find(all, "vpc.main").data()).isTrue();
        assertThat(find(all, "subnet.private-1").props()).isEqualTo(Map.of("subnetId", "subnet-d"));
        assertThat(NetworkResources.serviceSubnetRefs(spec)).containsExactly(
                Ref.to(Address.parse("subnet.private-0"), "id"), Ref.to(Address.parse("subnet.private-1"), "id"));
        assertThat(NetworkResources.assignPublicIp(spec)).isFalse();
    }

    @Test
    void loadBalancerGroupOpens443OnlyWithACertificateAndServiceOnlyFromTheLoadBalancer() {
        Spec http = NetworkHarness.spec(Network.defaults(), new LoadBalancer("/", 30, 60, List.of("203.0.113.0/24", "198.51.100.0/24")));
        assertThat(find(expand(http), "security-group.load-balancer").props().get("ingress")).isEqualTo(List.of(
                Map.of("port", 80, "cidr", "198.51.100.0/24"), Map.of("port", 80, "cidr", "203.0.113.0/24")));
        Spec https = http.withCertificate(new Certificate("hello.example.com", null, null));
        assertThat((List<?>) find(expand(https), "security-group.load-balancer").props().get("ingress")).hasSize(4);
        assertThat(find(expand(https), "security-group.service").props().get("ingress"))
                .isEqualTo(List.of(Map.of("port", 8080, "sourceGroup", Ref.to(Addresses.LB_SG, "id"))));
        assertThat(find(expand(https), "security-group.service").dependsOn()).contains(Addresses.LB_SG);
    }

    @Test
    void everyNodeHasAPlainDescription() {
        List<Desired> all = expand(NetworkHarness.spec(Network.newVpc("10.0.0.0/16", 3, NatMode.PER_AZ), LoadBalancer.defaults()));
        assertThat(all).allSatisfy(d -> assertThat(d.description()).isNotBlank().doesNotContain("null"));
    }
}
