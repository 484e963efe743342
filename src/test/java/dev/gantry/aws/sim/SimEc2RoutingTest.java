package dev.gantry.aws.sim;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

import java.util.List;

import static dev.gantry.aws.sim.Ec2TestWorld.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

class SimEc2RoutingTest {
    private final Ec2TestWorld t = new Ec2TestWorld();
    private final SimEc2 ec2 = t.ec2;
    private final String vpc = t.vpc("10.0.0.0/16");

    @Test
    void internetGatewayAttachesOnceAndDeletesOnlyWhenDetached() {
        String igw = t.attachedIgw(vpc);
        assertCode(() -> ec2.attachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc)), "Resource.AlreadyAssociated");
        assertCode(() -> ec2.deleteInternetGateway(b -> b.internetGatewayId(igw)), "DependencyViolation");
        assertThat(ec2.describeInternetGateways(b -> b.filters(Filter.builder().name("attachment.vpc-id").values(vpc).build()))
                .internetGateways()).hasSize(1);
        String other = t.vpc("10.1.0.0/16");
        assertCode(() -> ec2.detachInternetGateway(b -> b.internetGatewayId(igw).vpcId(other)), "Gateway.NotAttached");
        ec2.detachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc));
        ec2.deleteInternetGateway(b -> b.internetGatewayId(igw));
        assertCode(() -> ec2.describeInternetGateways(b -> b.internetGatewayIds(igw)), "InvalidInternetGatewayID.NotFound");
    }

    @Test
    void aTaskWithAPublicIpKeepsTheInternetGatewayAttachedUntilReleased() {
        String igw = t.attachedIgw(vpc);
        String subnet = t.subnet(vpc, "10.0.0.0/24", "us-east-1a");
        String eni = Ec2Interfaces.of(t.world).createEni(subnet, List.of(), "task", true);
        assertThat(ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eni)).networkInterfaces().get(0).association().publicIp())
                .isNotNull();
        assertCode(() -> ec2.detachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc)), "DependencyViolation");
        Ec2Interfaces.of(t.world).releaseEni(eni, t.clock.now().plusSeconds(30));
        t.clock.advance(java.time.Duration.ofSeconds(30));
        ec2.detachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc));
    }

    @Test
    void routeTablesRefuseDuplicateRoutesAndDeleteOnlyWhenUnassociated() {
        String igw = t.attachedIgw(vpc);
        String subnet = t.subnet(vpc, "10.0.0.0/24", "us-east-1a");
        String rtb = t.publicRoute(vpc, igw, subnet);
        assertCode(() -> ec2.createRoute(b -> b.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw)), "RouteAlreadyExists");
        String rtb2 = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
        assertCode(() -> ec2.associateRouteTable(b -> b.routeTableId(rtb2).subnetId(subnet)), "Resource.AlreadyAssociated");
        assertCode(() -> ec2.deleteRouteTable(b -> b.routeTableId(rtb)), "DependencyViolation");
        var table = ec2.describeRouteTables(b -> b.filters(Filter.builder().name("association.subnet-id").values(subnet).build()))
                .routeTables();
        assertThat(table).singleElement().satisfies(rt -> assertThat(rt.routeTableId()).isEqualTo(rtb));
        ec2.disassociateRouteTable(b -> b.associationId(table.get(0).associations().get(0).routeTableAssociationId()));
        assertCode(() -> ec2.deleteRoute(b -> b.routeTableId(rtb).destinationCidrBlock("10.0.0.0/16")), "InvalidParameterValue");
        assertCode(() -> ec2.deleteRoute(b -> b.routeTableId(rtb).destinationCidrBlock("1.2.3.0/24")), "InvalidRoute.NotFound");
        ec2.deleteRouteTable(b -> b.routeTableId(rtb));
        assertCode(() -> ec2.describeRouteTables(b -> b.routeTableIds(rtb)), "InvalidRouteTableID.NotFound");
    }

    @Test
    void aRouteToAGatewayOfAnotherVpcIsRefused() {
        String other = t.vpc("10.1.0.0/16");
        String igw = t.attachedIgw(other);
        String rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
        assertCode(() -> ec2.createRoute(b -> b.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw)), "InvalidParameterValue");
        assertCode(() -> ec2.createRoute(b -> b.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").natGatewayId("nat-00000000000000000")),
                "InvalidNatGatewayID.NotFound");
    }

    /** Amazon VPC quotas: 60 inbound rules per security group by default. */
    @Test
    void aSecurityGroupHoldsAtMost60InboundRules() {
        String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("many").description("many rules")).groupId();
        java.util.List<IpRange> ranges = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) ranges.add(IpRange.builder().cidrIp("203.0." + i + ".0/24").build());
        ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(80).toPort(80).ipRanges(ranges).build()));
        assertCode(() -> ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(443).toPort(443).ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build())), "RulesPerSecurityGroupLimitExceeded");
    }

    @Test
    void securityGroupNamesAreUniquePerVpcAndRulesCannotRepeat() {
        String lb = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("lb").description("load balancer")).groupId();
        assertCode(() -> ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("lb").description("again")), "InvalidGroup.Duplicate");
        String svc = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("svc").description("service")).groupId();
        IpPermission http = IpPermission.builder().ipProtocol("tcp").fromPort(80).toPort(80)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();
        ec2.authorizeSecurityGroupIngress(b -> b.groupId(lb).ipPermissions(http));
        assertCode(() -> ec2.authorizeSecurityGroupIngress(b -> b.groupId(lb).ipPermissions(http)), "InvalidPermission.Duplicate");
        ec2.authorizeSecurityGroupIngress(b -> b.groupId(svc).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(8080).toPort(8080).userIdGroupPairs(UserIdGroupPair.builder().groupId(lb).build()).build()));

        var described = ec2.describeSecurityGroups(b -> b.groupIds(svc)).securityGroups().get(0);
        assertThat(described.ipPermissions()).singleElement().satisfies(p -> {
            assertThat(p.fromPort()).isEqualTo(8080);
            assertThat(p.userIdGroupPairs()).extracting(UserIdGroupPair::groupId).containsExactly(lb);
        });
        assertThat(described.ipPermissionsEgress()).singleElement().satisfies(p -> assertThat(p.ipProtocol()).isEqualTo("-1"));

        // The load balancer's group is referenced by the service's rule, so it cannot go first.
        assertCode(() -> ec2.deleteSecurityGroup(b -> b.groupId(lb)), "DependencyViolation");
        ec2.revokeSecurityGroupIngress(b -> b.groupId(svc).ipPermissions(described.ipPermissions()));
        ec2.deleteSecurityGroup(b -> b.groupId(lb));
        assertCode(() -> ec2.describeSecurityGroups(b -> b.groupIds(lb)), "InvalidGroup.NotFound");
    }

    @Test
    void aGroupUsedByAnInterfaceCannotBeDeleted() {
        String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("svc").description("service")).groupId();
        String subnet = t.subnet(vpc, "10.0.0.0/24", "us-east-1a");
        String eni = Ec2Interfaces.of(t.world).createEni(subnet, List.of(sg), "task");
        assertCode(() -> ec2.deleteSecurityGroup(b -> b.groupId(sg)), "DependencyViolation");
        Ec2Interfaces.of(t.world).releaseEni(eni, t.clock.now());
        ec2.deleteSecurityGroup(b -> b.groupId(sg));
    }

    @Test
    void tagsCanBeAddedAndRemoved() {
        ec2.createTags(b -> b.resources(vpc).tags(software.amazon.awssdk.services.ec2.model.Tag.builder().key("team").value("web").build()));
        assertThat(ec2.describeVpcs(b -> b.filters(Filter.builder().name("tag:team").values("web").build())).vpcs()).hasSize(1);
        ec2.deleteTags(b -> b.resources(vpc).tags(software.amazon.awssdk.services.ec2.model.Tag.builder().key("team").build()));
        assertThat(ec2.describeVpcs(b -> b.filters(Filter.builder().name("tag:team").values("web").build())).vpcs()).isEmpty();
        assertCode(() -> ec2.createTags(b -> b.resources("vpc-00000000000000000")
                .tags(software.amazon.awssdk.services.ec2.model.Tag.builder().key("a").value("b").build())), "InvalidVpcID.NotFound");
    }

    @Test
    void stateSurvivesJsonRoundTrip() throws Exception {
        t.attachedIgw(vpc);
        ec2.createNatGateway(b -> b.subnetId(t.subnet(vpc, "10.0.0.0/24", "us-east-1a"))
                .allocationId(ec2.allocateAddress(x -> x.domain("vpc")).allocationId()));
        // The world saves each service's part with Jackson; EC2's part must survive that on its own.
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String text = json.writeValueAsString(t.world.state.ec2);
        SimState copy = new SimState();
        copy.ec2 = json.readValue(text, Ec2State.class);
        copy.idCounter = t.world.state.idCounter;
        SimEc2 ec2b = new SimEc2(new SimWorld(copy, t.clock, SimLatency.realistic()));
        assertThat(ec2b.describeNatGateways(b -> {}).natGateways()).hasSize(1);
        assertThat(ec2b.describeVpcs(b -> b.filters(Filter.builder().name("is-default").values("true").build())).vpcs()).hasSize(1);
        assertThat(ec2b.describeSubnets(b -> b.filters(Filter.builder().name("vpc-id").values(vpc).build())).subnets()).hasSize(1);
        assertThat(json.writeValueAsString(copy.ec2)).isEqualTo(text);
    }
}
