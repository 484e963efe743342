package dev.gantry.aws.sim;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.ResourceType;

import java.time.Duration;

import static dev.gantry.aws.sim.Ec2TestWorld.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

class SimEc2NatTest {
    private final Ec2TestWorld t = new Ec2TestWorld();
    private final SimEc2 ec2 = t.ec2;
    private final String vpc = t.vpc("10.0.0.0/16");
    private final String pub = t.subnet(vpc, "10.0.0.0/24", "us-east-1a");
    private final String priv = t.subnet(vpc, "10.0.128.0/24", "us-east-1a");

    private String eip() { return ec2.allocateAddress(b -> b.domain("vpc")).allocationId(); }

    private NatGateway nat(String id) { return ec2.describeNatGateways(b -> b.natGatewayIds(id)).natGateways().get(0); }

    @Test
    void natBecomesAvailableAfterItsLatencyAndDeletesOverTime() {
        String igw = t.attachedIgw(vpc);
        t.publicRoute(vpc, igw, pub);
        String alloc = eip();
        String id = ec2.createNatGateway(b -> b.subnetId(pub).allocationId(alloc)).natGateway().natGatewayId();
        assertThat(nat(id).stateAsString()).isEqualTo("pending");
        t.clock.advance(Duration.ofSeconds(94));
        assertThat(nat(id).stateAsString()).isEqualTo("pending");
        t.clock.advance(Duration.ofSeconds(1));
        assertThat(nat(id).stateAsString()).isEqualTo("available");
        assertThat(nat(id).natGatewayAddresses().get(0).publicIp()).isNotNull();

        // The address is in use while the gateway holds it; its subnet cannot go either.
        assertCode(() -> ec2.releaseAddress(b -> b.allocationId(alloc)), "InvalidIPAddress.InUse");
        assertCode(() -> ec2.deleteSubnet(b -> b.subnetId(pub)), "DependencyViolation");
        assertCode(() -> ec2.detachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc)), "DependencyViolation");

        ec2.deleteNatGateway(b -> b.natGatewayId(id));
        assertThat(nat(id).stateAsString()).isEqualTo("deleting");
        assertCode(() -> ec2.releaseAddress(b -> b.allocationId(alloc)), "InvalidIPAddress.InUse");
        t.clock.advance(Duration.ofSeconds(60));
        assertThat(nat(id).stateAsString()).isEqualTo("deleted");
        ec2.releaseAddress(b -> b.allocationId(alloc));
        ec2.detachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc));
        // Deleted gateways linger in Describe for about an hour, then vanish.
        t.clock.advance(Duration.ofMinutes(61));
        assertCode(() -> ec2.describeNatGateways(b -> b.natGatewayIds(id)), "NatGatewayNotFound");
    }

    @Test
    void theSameClientTokenReturnsTheSameGateway() {
        t.attachedIgw(vpc);
        String alloc = eip();
        String a = ec2.createNatGateway(b -> b.subnetId(pub).allocationId(alloc).clientToken("tok-1")).natGateway().natGatewayId();
        String b2 = ec2.createNatGateway(b -> b.subnetId(pub).allocationId(alloc).clientToken("tok-1")).natGateway().natGatewayId();
        assertThat(b2).isEqualTo(a);
        assertThat(ec2.describeNatGateways(b -> {}).natGateways()).hasSize(1);
        assertCode(() -> ec2.createNatGateway(b -> b.subnetId(priv).allocationId(alloc).clientToken("tok-1")),
                "IdempotentParameterMismatch");
    }

    @Test
    void aNatWithoutAnInternetGatewayOrWithABusyAddressFails() {
        String alloc = eip();
        String id = ec2.createNatGateway(b -> b.subnetId(pub).allocationId(alloc)).natGateway().natGatewayId();
        t.clock.advance(Duration.ofMinutes(2));
        assertThat(nat(id).stateAsString()).isEqualTo("failed");
        assertThat(nat(id).failureCode()).isEqualTo("Gateway.NotAttached");

        t.attachedIgw(vpc);
        String ok = ec2.createNatGateway(b -> b.subnetId(pub).allocationId(alloc)).natGateway().natGatewayId();
        String twice = ec2.createNatGateway(b -> b.subnetId(priv).allocationId(alloc)).natGateway().natGatewayId();
        t.clock.advance(Duration.ofMinutes(2));
        assertThat(nat(ok).stateAsString()).isEqualTo("available");
        assertThat(nat(twice).stateAsString()).isEqualTo("failed");
        assertThat(nat(twice).failureCode()).isEqualTo("Resource.AlreadyAssociated");
        assertCode(() -> ec2.createNatGateway(b -> b.subnetId(pub).allocationId("eipalloc-00000000000000000")),
                "InvalidAllocationID.NotFound");
    }

    @Test
    void natTagFiltersAreHonoured() {
        t.attachedIgw(vpc);
        ec2.createNatGateway(b -> b.subnetId(pub).allocationId(eip())
                .tagSpecifications(Ec2TestWorld.tags(ResourceType.NATGATEWAY, "gantry:app", "hello")));
        ec2.createNatGateway(b -> b.subnetId(priv).allocationId(eip()));
        assertThat(ec2.describeNatGateways(b -> b.filter(Filter.builder().name("tag:gantry:app").values("hello").build()))
                .natGateways()).singleElement().satisfies(n -> assertThat(n.subnetId()).isEqualTo(pub));
        assertThat(ec2.describeNatGateways(b -> b.filter(Filter.builder().name("state").values("pending").build()))
                .natGateways()).hasSize(2);
    }

    @Test
    void privateSubnetsReachTheInternetOnlyThroughAnAvailableNat() {
        String igw = t.attachedIgw(vpc);
        t.publicRoute(vpc, igw, pub);
        String id = ec2.createNatGateway(b -> b.subnetId(pub).allocationId(eip())).natGateway().natGatewayId();
        String rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
        ec2.createRoute(b -> b.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").natGatewayId(id));
        ec2.associateRouteTable(b -> b.routeTableId(rtb).subnetId(priv));
        Ec2State st = t.world.state.ec2;
        assertThat(st.subnetReachesInternet(priv, false, t.clock.now())).isFalse();
        t.clock.advance(Duration.ofSeconds(95));
        assertThat(st.subnetReachesInternet(priv, false, t.clock.now())).isTrue();
        assertThat(st.subnetReachesInternet(pub, false, t.clock.now())).isFalse();
        assertThat(st.subnetReachesInternet(pub, true, t.clock.now())).isTrue();
        ec2.deleteNatGateway(b -> b.natGatewayId(id));
        assertThat(st.subnetReachesInternet(priv, false, t.clock.now())).isFalse();
        assertThat(ec2.describeRouteTables(b -> b.routeTableIds(rtb)).routeTables().get(0).routes())
                .anySatisfy(r -> assertThat(r.stateAsString()).isEqualTo("blackhole"));
    }
}
