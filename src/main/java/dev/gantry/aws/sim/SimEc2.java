package dev.gantry.aws.sim;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;

import java.util.function.Supplier;

/**
 * Simulated EC2: in memory, with AWS's rules. Each call goes through the world (faults, counters,
 * one lock) and then to the part that owns that kind of resource.
 */
public final class SimEc2 implements Ec2Client {
    private final SimWorld world;
    private final Ec2Vpcs vpcs;
    private final Ec2SecurityGroups groups;
    private final Ec2Routing routing;
    private final Ec2NatGateways nats;
    private final Ec2Interfaces interfaces;

    public SimEc2(SimWorld world) {
        this.world = world;
        Ec2State ec2 = world.state.ec2;
        this.vpcs = new Ec2Vpcs(ec2, world);
        this.groups = new Ec2SecurityGroups(ec2, world, vpcs);
        this.routing = new Ec2Routing(ec2, world, vpcs);
        this.interfaces = new Ec2Interfaces(ec2, world);
        this.nats = new Ec2NatGateways(ec2, world, vpcs, interfaces);
    }

    private RuntimeException err(int status, String code, String message) {
        return SimErrors.error(Ec2Exception.builder(), "EC2", status, code, message);
    }

    private <T> T read(String action, Supplier<T> body) {
        return world.read(action, this::err, () -> { settle(); return body.get(); });
    }

    private <T> T mutate(String action, Supplier<T> body) { return mutate(action, null, body); }

    private <T> T mutate(String action, Object request, Supplier<T> body) {
        return world.mutate(action, request, this::err, () -> { settle(); return body.get(); });
    }

    /** What time alone changes: the default VPC appears, released interfaces go away. */
    private void settle() {
        vpcs.ensureDefaultVpc();
        interfaces.purgeReleasedEnis(world.now());
        nats.settle();
    }

    @Override public DescribeAvailabilityZonesResponse describeAvailabilityZones(DescribeAvailabilityZonesRequest r) {
        return read("ec2:DescribeAvailabilityZones", () -> vpcs.describeAvailabilityZones(r));
    }

    @Override public CreateVpcResponse createVpc(CreateVpcRequest r) { return mutate("ec2:CreateVpc", r, () -> vpcs.createVpc(r)); }

    @Override public DescribeVpcsResponse describeVpcs(DescribeVpcsRequest r) { return read("ec2:DescribeVpcs", () -> vpcs.describeVpcs(r)); }

    @Override public ModifyVpcAttributeResponse modifyVpcAttribute(ModifyVpcAttributeRequest r) {
        return mutate("ec2:ModifyVpcAttribute", () -> vpcs.modifyVpcAttribute(r));
    }

    @Override public DescribeVpcAttributeResponse describeVpcAttribute(DescribeVpcAttributeRequest r) {
        return read("ec2:DescribeVpcAttribute", () -> vpcs.describeVpcAttribute(r));
    }

    @Override public DeleteVpcResponse deleteVpc(DeleteVpcRequest r) { return mutate("ec2:DeleteVpc", () -> vpcs.deleteVpc(r)); }

    @Override public CreateSubnetResponse createSubnet(CreateSubnetRequest r) { return mutate("ec2:CreateSubnet", r, () -> vpcs.createSubnet(r)); }

    @Override public DescribeSubnetsResponse describeSubnets(DescribeSubnetsRequest r) {
        return read("ec2:DescribeSubnets", () -> vpcs.describeSubnets(r));
    }

    @Override public ModifySubnetAttributeResponse modifySubnetAttribute(ModifySubnetAttributeRequest r) {
        return mutate("ec2:ModifySubnetAttribute", () -> vpcs.modifySubnetAttribute(r));
    }

    @Override public DeleteSubnetResponse deleteSubnet(DeleteSubnetRequest r) { return mutate("ec2:DeleteSubnet", () -> vpcs.deleteSubnet(r)); }

    @Override public CreateSecurityGroupResponse createSecurityGroup(CreateSecurityGroupRequest r) {
        return mutate("ec2:CreateSecurityGroup", r, () -> groups.createSecurityGroup(r));
    }

    @Override public AuthorizeSecurityGroupIngressResponse authorizeSecurityGroupIngress(AuthorizeSecurityGroupIngressRequest r) {
        return mutate("ec2:AuthorizeSecurityGroupIngress", () -> groups.authorizeIngress(r));
    }

    @Override public RevokeSecurityGroupIngressResponse revokeSecurityGroupIngress(RevokeSecurityGroupIngressRequest r) {
        return mutate("ec2:RevokeSecurityGroupIngress", () -> groups.revokeIngress(r));
    }

    @Override public DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest r) {
        return read("ec2:DescribeSecurityGroups", () -> groups.describeSecurityGroups(r));
    }

    @Override public DeleteSecurityGroupResponse deleteSecurityGroup(DeleteSecurityGroupRequest r) {
        return mutate("ec2:DeleteSecurityGroup", () -> groups.deleteSecurityGroup(r));
    }

    @Override public CreateInternetGatewayResponse createInternetGateway(CreateInternetGatewayRequest r) {
        return mutate("ec2:CreateInternetGateway", r, () -> routing.createInternetGateway(r));
    }

    @Override public AttachInternetGatewayResponse attachInternetGateway(AttachInternetGatewayRequest r) {
        return mutate("ec2:AttachInternetGateway", () -> routing.attachInternetGateway(r));
    }

    @Override public DetachInternetGatewayResponse detachInternetGateway(DetachInternetGatewayRequest r) {
        return mutate("ec2:DetachInternetGateway", () -> routing.detachInternetGateway(r));
    }

    @Override public DescribeInternetGatewaysResponse describeInternetGateways(DescribeInternetGatewaysRequest r) {
        return read("ec2:DescribeInternetGateways", () -> routing.describeInternetGateways(r));
    }

    @Override public DeleteInternetGatewayResponse deleteInternetGateway(DeleteInternetGatewayRequest r) {
        return mutate("ec2:DeleteInternetGateway", () -> routing.deleteInternetGateway(r));
    }

    @Override public CreateRouteTableResponse createRouteTable(CreateRouteTableRequest r) {
        return mutate("ec2:CreateRouteTable", () -> routing.createRouteTable(r));
    }

    @Override public CreateRouteResponse createRoute(CreateRouteRequest r) { return mutate("ec2:CreateRoute", () -> routing.createRoute(r)); }

    @Override public ReplaceRouteResponse replaceRoute(ReplaceRouteRequest r) { return mutate("ec2:ReplaceRoute", () -> routing.replaceRoute(r)); }

    @Override public DeleteRouteResponse deleteRoute(DeleteRouteRequest r) { return mutate("ec2:DeleteRoute", () -> routing.deleteRoute(r)); }

    @Override public AssociateRouteTableResponse associateRouteTable(AssociateRouteTableRequest r) {
        return mutate("ec2:AssociateRouteTable", () -> routing.associateRouteTable(r));
    }

    @Override public DisassociateRouteTableResponse disassociateRouteTable(DisassociateRouteTableRequest r) {
        return mutate("ec2:DisassociateRouteTable", () -> routing.disassociateRouteTable(r));
    }

    @Override public ReplaceRouteTableAssociationResponse replaceRouteTableAssociation(ReplaceRouteTableAssociationRequest r) {
        return mutate("ec2:ReplaceRouteTableAssociation", () -> routing.replaceRouteTableAssociation(r));
    }

    @Override public DescribeRouteTablesResponse describeRouteTables(DescribeRouteTablesRequest r) {
        return read("ec2:DescribeRouteTables", () -> routing.describeRouteTables(r));
    }

    @Override public DeleteRouteTableResponse deleteRouteTable(DeleteRouteTableRequest r) {
        return mutate("ec2:DeleteRouteTable", () -> routing.deleteRouteTable(r));
    }

    @Override public AllocateAddressResponse allocateAddress(AllocateAddressRequest r) {
        return mutate("ec2:AllocateAddress", r, () -> nats.allocateAddress(r));
    }

    @Override public DescribeAddressesResponse describeAddresses(DescribeAddressesRequest r) {
        return read("ec2:DescribeAddresses", () -> nats.describeAddresses(r));
    }

    @Override public ReleaseAddressResponse releaseAddress(ReleaseAddressRequest r) {
        return mutate("ec2:ReleaseAddress", () -> nats.releaseAddress(r));
    }

    @Override public CreateNatGatewayResponse createNatGateway(CreateNatGatewayRequest r) {
        return mutate("ec2:CreateNatGateway", () -> nats.createNatGateway(r));
    }

    @Override public DescribeNatGatewaysResponse describeNatGateways(DescribeNatGatewaysRequest r) {
        return read("ec2:DescribeNatGateways", () -> nats.describeNatGateways(r));
    }

    @Override public DeleteNatGatewayResponse deleteNatGateway(DeleteNatGatewayRequest r) {
        return mutate("ec2:DeleteNatGateway", () -> nats.deleteNatGateway(r));
    }

    @Override public DescribeNetworkInterfacesResponse describeNetworkInterfaces(DescribeNetworkInterfacesRequest r) {
        return read("ec2:DescribeNetworkInterfaces", () -> interfaces.describeNetworkInterfaces(r));
    }

    @Override public CreateTagsResponse createTags(CreateTagsRequest r) { return mutate("ec2:CreateTags", () -> interfaces.createTags(r)); }

    @Override public DeleteTagsResponse deleteTags(DeleteTagsRequest r) { return mutate("ec2:DeleteTags", () -> interfaces.deleteTags(r)); }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}
