package dev.gantry.resources.network;

import dev.gantry.resources.ResourceContext;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * What keeps the app's VPC from being deleted once gantry's own parts are gone: subnets, security
 * groups, route tables, internet and NAT gateways that are not the app's, and the network
 * interfaces in them. Nothing of that goes away by itself, so waiting for AWS would be waiting
 * for nothing; each is named, for the person to delete or move. Empty when only the app's own
 * parts (still being released by AWS) hold the VPC.
 */
final class VpcBlockers {
    private VpcBlockers() {}

    static List<String> find(ResourceContext ctx, String vpcId) {
        Ec2Client ec2 = ctx.aws().ec2();
        Filter inVpc = Filter.builder().name("vpc-id").values(vpcId).build();
        List<String> out = new ArrayList<>();
        ec2.describeSubnets(b -> b.filters(inVpc)).subnets().stream()
                .filter(s -> vpcId.equals(s.vpcId()) && !mine(ctx, s.tags(), "subnet"))
                .forEach(s -> out.add("subnet " + s.subnetId() + " (" + s.cidrBlock() + named(s.tags()) + ")"));
        ec2.describeSecurityGroups(b -> b.filters(inVpc)).securityGroups().stream()
                .filter(g -> vpcId.equals(g.vpcId()) && !"default".equals(g.groupName()) && !mine(ctx, g.tags(), "security-group"))
                .forEach(g -> out.add("security group " + g.groupId() + " (" + g.groupName() + ")"));
        ec2.describeRouteTables(b -> b.filters(inVpc)).routeTables().stream()
                .filter(t -> vpcId.equals(t.vpcId()) && t.associations().stream().noneMatch(a -> Boolean.TRUE.equals(a.main()))
                        && !mine(ctx, t.tags(), "route-table"))
                .forEach(t -> out.add("route table " + t.routeTableId() + named(t.tags())));
        ec2.describeInternetGateways(b -> b.filters(Filter.builder().name("attachment.vpc-id").values(vpcId).build())).internetGateways().stream()
                .filter(g -> g.attachments().stream().anyMatch(a -> vpcId.equals(a.vpcId())) && !mine(ctx, g.tags(), "internet-gateway"))
                .forEach(g -> out.add("internet gateway " + g.internetGatewayId() + named(g.tags()) + " (attached)"));
        ec2.describeNatGateways(b -> b.filter(inVpc)).natGateways().stream()
                .filter(n -> vpcId.equals(n.vpcId()) && !List.of("deleting", "deleted", "failed").contains(n.stateAsString())
                        && !mine(ctx, n.tags(), "nat-gateway"))
                .forEach(n -> out.add("NAT gateway " + n.natGatewayId() + " (in " + n.subnetId() + ")"));
        if (out.isEmpty()) return out; // only gantry's own, still being released: worth waiting for
        for (NetworkInterface e : ec2.describeNetworkInterfaces(b -> b.filters(inVpc)).networkInterfaces()) {
            if (!vpcId.equals(e.vpcId())) continue;
            out.add("network interface " + e.networkInterfaceId() + " (in " + e.subnetId()
                    + (e.description() == null || e.description().isBlank() ? "" : ": " + e.description()) + ")");
        }
        return out;
    }

    private static boolean mine(ResourceContext ctx, List<Tag> tags, String type) {
        return Ec2Tagging.addressOf(ctx, tags, type).isPresent();
    }

    private static String named(List<Tag> tags) {
        String name = Ec2Tagging.tag(tags, "Name");
        return name == null ? "" : ", Name=" + name;
    }
}
