package dev.gantry.aws.sim;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

import java.util.List;

import static dev.gantry.aws.sim.Ec2TestWorld.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

class SimEc2VpcTest {
    private final Ec2TestWorld t = new Ec2TestWorld();
    private final SimEc2 ec2 = t.ec2;

    @Test
    void aNewAccountHasADefaultVpcWithOnePublicSubnetPerZone() {
        List<Vpc> defaults = ec2.describeVpcs(b -> b.filters(Filter.builder().name("is-default").values("true").build())).vpcs();
        assertThat(defaults).singleElement().satisfies(v -> {
            assertThat(v.cidrBlock()).isEqualTo("172.31.0.0/16");
            assertThat(v.tags()).isEmpty();
        });
        String vpcId = defaults.get(0).vpcId();
        List<Subnet> subnets = ec2.describeSubnets(b -> b.filters(
                Filter.builder().name("vpc-id").values(vpcId).build(),
                Filter.builder().name("default-for-az").values("true").build())).subnets();
        assertThat(subnets).extracting(Subnet::availabilityZone)
                .containsExactly("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f");
        assertThat(subnets).allMatch(Subnet::mapPublicIpOnLaunch);
        assertThat(world().subnetReachesInternet(subnets.get(0).subnetId(), true, t.clock.now())).isTrue();
        assertThat(world().subnetReachesInternet(subnets.get(0).subnetId(), false, t.clock.now())).isFalse();
    }

    @Test
    void aDeletedDefaultVpcStaysDeleted() {
        Vpc def = ec2.describeVpcs(b -> b.filters(Filter.builder().name("is-default").values("true").build())).vpcs().get(0);
        assertCode(() -> ec2.deleteVpc(b -> b.vpcId(def.vpcId())), "DependencyViolation");
        for (Subnet s : ec2.describeSubnets(b -> b.filters(Filter.builder().name("vpc-id").values(def.vpcId()).build())).subnets()) {
            ec2.deleteSubnet(b -> b.subnetId(s.subnetId()));
        }
        String igw = ec2.describeInternetGateways(b -> b.filters(Filter.builder().name("attachment.vpc-id").values(def.vpcId()).build()))
                .internetGateways().get(0).internetGatewayId();
        ec2.detachInternetGateway(b -> b.internetGatewayId(igw).vpcId(def.vpcId()));
        ec2.deleteVpc(b -> b.vpcId(def.vpcId()));
        assertThat(ec2.describeVpcs(b -> b.filters(Filter.builder().name("is-default").values("true").build())).vpcs()).isEmpty();
    }

    @Test
    void availabilityZonesAreTheRegionsAndAvailable() {
        var zones = ec2.describeAvailabilityZones(b -> b.filters(Filter.builder().name("state").values("available").build()))
                .availabilityZones();
        assertThat(zones).hasSize(6).allMatch(z -> z.stateAsString().equals("available"));
        assertThat(zones.get(0).zoneName()).isEqualTo("us-east-1a");
    }

    @Test
    void vpcCidrMustBeValidAndBetweenSlash16AndSlash28() {
        assertCode(() -> t.vpc("10.0.0.0/8"), "InvalidVpc.Range");
        assertCode(() -> t.vpc("10.0.0.1/16"), "InvalidParameterValue");
        assertCode(() -> t.vpc("banana"), "InvalidParameterValue");
        assertThat(t.vpc("10.0.0.0/16")).startsWith("vpc-");
    }

    @Test
    void subnetsMustLieInsideTheVpcAndNotOverlap() {
        String vpc = t.vpc("10.0.0.0/16");
        t.subnet(vpc, "10.0.0.0/19", "us-east-1a");
        assertCode(() -> t.subnet(vpc, "10.0.16.0/20", "us-east-1b"), "InvalidSubnet.Conflict");
        assertCode(() -> t.subnet(vpc, "10.1.0.0/24", "us-east-1b"), "InvalidSubnet.Range");
        assertCode(() -> t.subnet(vpc, "10.0.32.0/19", "us-east-1z"), "InvalidParameterValue");
        assertCode(() -> t.subnet("vpc-00000000000000000", "10.0.32.0/19", "us-east-1a"), "InvalidVpcID.NotFound");
        assertThat(t.subnet(vpc, "10.0.32.0/19", "us-east-1b")).startsWith("subnet-");
    }

    @Test
    void tagFiltersSelectOnlyTaggedResources() {
        ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16").tagSpecifications(Ec2TestWorld.tags(ResourceType.VPC, "gantry:app", "hello")));
        ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16").tagSpecifications(Ec2TestWorld.tags(ResourceType.VPC, "gantry:app", "other")));
        assertThat(ec2.describeVpcs(b -> b.filters(Filter.builder().name("tag:gantry:app").values("hello").build())).vpcs())
                .extracting(Vpc::cidrBlock).containsExactly("10.0.0.0/16");
        assertThat(ec2.describeVpcs(b -> b.filters(Filter.builder().name("tag-key").values("gantry:app").build())).vpcs()).hasSize(2);
        assertCode(() -> ec2.describeVpcs(b -> b.filters(Filter.builder().name("colour").values("red").build())), "InvalidParameterValue");
    }

    @Test
    void tagSpecificationsMustNameTheRightTypeAndAvoidAwsPrefix() {
        assertCode(() -> ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")
                .tagSpecifications(Ec2TestWorld.tags(ResourceType.SUBNET, "a", "b"))), "InvalidParameterValue");
        assertCode(() -> ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")
                .tagSpecifications(Ec2TestWorld.tags(ResourceType.VPC, "aws:x", "b"))), "InvalidParameterValue");
    }

    @Test
    void dnsAttributesRoundTripAndHostnamesNeedSupport() {
        String vpc = t.vpc("10.0.0.0/16");
        AttributeBooleanValue on = AttributeBooleanValue.builder().value(true).build();
        ec2.modifyVpcAttribute(b -> b.vpcId(vpc).enableDnsHostnames(on));
        assertThat(ec2.describeVpcAttribute(b -> b.vpcId(vpc).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                .enableDnsHostnames().value()).isTrue();
        assertCode(() -> ec2.modifyVpcAttribute(b -> b.vpcId(vpc).enableDnsSupport(AttributeBooleanValue.builder().value(false).build())),
                "InvalidParameterValue");
    }

    @Test
    void aVpcWithSubnetsGatewayOrGroupsCannotBeDeleted() {
        String vpc = t.vpc("10.0.0.0/16");
        String subnet = t.subnet(vpc, "10.0.0.0/24", "us-east-1a");
        String igw = t.attachedIgw(vpc);
        String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("web").description("web")).groupId();
        assertCode(() -> ec2.deleteVpc(b -> b.vpcId(vpc)), "DependencyViolation");
        ec2.deleteSubnet(b -> b.subnetId(subnet));
        assertCode(() -> ec2.deleteVpc(b -> b.vpcId(vpc)), "DependencyViolation");
        ec2.detachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc));
        assertCode(() -> ec2.deleteVpc(b -> b.vpcId(vpc)), "DependencyViolation");
        ec2.deleteSecurityGroup(b -> b.groupId(sg));
        ec2.deleteVpc(b -> b.vpcId(vpc));
        assertCode(() -> ec2.describeVpcs(b -> b.vpcIds(vpc)), "InvalidVpcID.NotFound");
        // The VPC's own main route table and default group went with it.
        assertThat(ec2.describeRouteTables(b -> b.filters(Filter.builder().name("vpc-id").values(vpc).build())).routeTables()).isEmpty();
        assertThat(ec2.describeSecurityGroups(b -> b.filters(Filter.builder().name("vpc-id").values(vpc).build())).securityGroups()).isEmpty();
    }

    @Test
    void anInterfaceBlocksDeletingItsSubnetUntilReleased() {
        String vpc = t.vpc("10.0.0.0/16");
        String subnet = t.subnet(vpc, "10.0.0.0/24", "us-east-1a");
        String eni = Ec2Interfaces.of(t.world).createEni(subnet, List.of(), "ELB app/hello");
        assertThat(world().privateIpOfEni(eni)).isEqualTo("10.0.0.4");
        assertThat(ec2.describeNetworkInterfaces(b -> b.filters(Filter.builder().name("subnet-id").values(subnet).build()))
                .networkInterfaces()).singleElement().satisfies(n -> assertThat(n.description()).isEqualTo("ELB app/hello"));
        assertCode(() -> ec2.deleteSubnet(b -> b.subnetId(subnet)), "DependencyViolation");
        Ec2Interfaces.of(t.world).releaseEni(eni, t.clock.now().plusSeconds(120));
        t.clock.advance(java.time.Duration.ofSeconds(60));
        assertCode(() -> ec2.deleteSubnet(b -> b.subnetId(subnet)), "DependencyViolation");
        t.clock.advance(java.time.Duration.ofSeconds(61));
        ec2.deleteSubnet(b -> b.subnetId(subnet));
        assertThat(world().subnetExists(subnet)).isFalse();
    }

    @Test
    void queriesAnswerFromState() {
        String vpc = t.vpc("10.0.0.0/16");
        String subnet = t.subnet(vpc, "10.0.0.0/24", "us-east-1b");
        assertThat(world().vpcExists(vpc)).isTrue();
        assertThat(world().vpcExists("vpc-nope")).isFalse();
        assertThat(world().subnetExists(subnet)).isTrue();
        assertThat(world().availabilityZoneOfSubnet(subnet)).isEqualTo("us-east-1b");
        assertThat(world().vpcOfSubnet(subnet)).isEqualTo(vpc);
        assertThat(world().availabilityZoneOfSubnet("subnet-nope")).isNull();
        assertThat(world().vpcOfSubnet(null)).isNull();
    }

    private Ec2State world() { return t.world.state.ec2; }
}
