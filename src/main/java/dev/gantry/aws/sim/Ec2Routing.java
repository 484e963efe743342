package dev.gantry.aws.sim;

import dev.gantry.aws.sim.Ec2Model.Association;
import dev.gantry.aws.sim.Ec2Model.InternetGateway;
import dev.gantry.aws.sim.Ec2Model.NatGateway;
import dev.gantry.aws.sim.Ec2Model.Route;
import dev.gantry.aws.sim.Ec2Model.RouteTable;
import dev.gantry.aws.sim.Ec2Model.Subnet;
import dev.gantry.aws.sim.Ec2Model.Vpc;
import software.amazon.awssdk.services.ec2.model.AssociateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.AssociateRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.AttachInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.AttachInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.CreateInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.CreateRouteRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteResponse;
import software.amazon.awssdk.services.ec2.model.CreateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.DeleteInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteRouteRequest;
import software.amazon.awssdk.services.ec2.model.DeleteRouteResponse;
import software.amazon.awssdk.services.ec2.model.DeleteRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.DeleteRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DetachInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DetachInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteResponse;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteTableAssociationRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteTableAssociationResponse;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociationState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.gantry.aws.sim.Ec2Support.fail;
import static dev.gantry.aws.sim.Ec2Support.invalid;
import static dev.gantry.aws.sim.Ec2Support.require;

/** Internet gateways and route tables. */
final class Ec2Routing {
    private final Ec2State ec2;
    private final SimContext account;
    private final Ec2Vpcs vpcs;

    Ec2Routing(Ec2State ec2, SimContext account, Ec2Vpcs vpcs) {
        this.ec2 = ec2;
        this.account = account;
        this.vpcs = vpcs;
    }

    private Ec2State s() { return ec2; }

    // ---- internet gateways ----

    CreateInternetGatewayResponse createInternetGateway(CreateInternetGatewayRequest r) {
        InternetGateway g = new InternetGateway();
        g.tags.putAll(Ec2Support.tagsOnCreate(r.tagSpecifications(), "internet-gateway"));
        g.id = account.newId("igw");
        s().internetGateways.put(g.id, g);
        return CreateInternetGatewayResponse.builder().internetGateway(view(g)).build();
    }

    AttachInternetGatewayResponse attachInternetGateway(AttachInternetGatewayRequest r) {
        InternetGateway g = gateway(require(r.internetGatewayId(), "InternetGatewayId"));
        Vpc v = vpcs.vpc(require(r.vpcId(), "VpcId"));
        if (g.attachedVpcId != null) {
            throw fail("Resource.AlreadyAssociated", "resource " + g.id + " is already attached to network " + g.attachedVpcId);
        }
        boolean vpcHasOne = s().internetGateways.values().stream().anyMatch(o -> v.id.equals(o.attachedVpcId));
        if (vpcHasOne) throw fail("Resource.AlreadyAssociated", "Network " + v.id + " already has an internet gateway attached");
        g.attachedVpcId = v.id;
        return AttachInternetGatewayResponse.builder().build();
    }

    DetachInternetGatewayResponse detachInternetGateway(DetachInternetGatewayRequest r) {
        InternetGateway g = gateway(require(r.internetGatewayId(), "InternetGatewayId"));
        String vpcId = require(r.vpcId(), "VpcId");
        vpcs.vpc(vpcId);
        if (!vpcId.equals(g.attachedVpcId)) {
            throw fail("Gateway.NotAttached", "resource " + g.id + " is not attached to network " + vpcId);
        }
        // A NAT gateway's Elastic IP and a task's public IP are mapped public addresses: AWS refuses until they are gone.
        boolean mapped = s().natGateways.values().stream().anyMatch(n -> vpcId.equals(n.vpcId) && holdsAddress(n))
                || s().enis.values().stream().anyMatch(e -> vpcId.equals(e.vpcId) && e.publicIp != null && s().eniLive(e, account.now()));
        if (mapped) {
            throw fail("DependencyViolation", "Network " + vpcId
                    + " has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.");
        }
        g.attachedVpcId = null;
        return DetachInternetGatewayResponse.builder().build();
    }

    DeleteInternetGatewayResponse deleteInternetGateway(DeleteInternetGatewayRequest r) {
        InternetGateway g = gateway(require(r.internetGatewayId(), "InternetGatewayId"));
        if (g.attachedVpcId != null) {
            throw fail("DependencyViolation", "The internetGateway '" + g.id + "' has dependencies and cannot be deleted.");
        }
        s().internetGateways.remove(g.id);
        return DeleteInternetGatewayResponse.builder().build();
    }

    DescribeInternetGatewaysResponse describeInternetGateways(DescribeInternetGatewaysRequest r) {
        for (String id : r.internetGatewayIds()) gateway(id);
        List<software.amazon.awssdk.services.ec2.model.InternetGateway> out = new ArrayList<>();
        for (InternetGateway g : s().internetGateways.values()) {
            if (r.hasInternetGatewayIds() && !r.internetGatewayIds().contains(g.id)) continue;
            boolean match = Ec2Support.matches(r.filters(), g.tags, name -> switch (name) {
                case "internet-gateway-id" -> List.of(g.id);
                case "attachment.vpc-id" -> Ec2Support.one(g.attachedVpcId);
                case "attachment.state" -> g.attachedVpcId == null ? List.of() : List.of("available");
                case "owner-id" -> List.of(account.accountId());
                default -> null;
            });
            if (match) out.add(view(g));
        }
        return DescribeInternetGatewaysResponse.builder().internetGateways(out).build();
    }

    private boolean holdsAddress(NatGateway n) {
        String state = Ec2State.natState(n, account.now());
        return !state.equals("deleted") && !state.equals("failed");
    }

    InternetGateway gateway(String id) {
        InternetGateway g = s().internetGateways.get(id);
        if (g == null) throw fail("InvalidInternetGatewayID.NotFound", "The internetGateway ID '" + id + "' does not exist");
        return g;
    }

    private software.amazon.awssdk.services.ec2.model.InternetGateway view(InternetGateway g) {
        var b = software.amazon.awssdk.services.ec2.model.InternetGateway.builder().internetGatewayId(g.id)
                .ownerId(account.accountId()).tags(Ec2Support.sdkTags(g.tags));
        b.attachments(g.attachedVpcId == null ? List.of()
                : List.of(InternetGatewayAttachment.builder().vpcId(g.attachedVpcId).state("available").build()));
        return b.build();
    }

    // ---- route tables ----

    CreateRouteTableResponse createRouteTable(CreateRouteTableRequest r) {
        // ClientToken (EC2's idempotency, docs "Ensuring idempotency in Amazon EC2 API requests"): the
        // same token with the same request returns the table made the first time; with another request, an error.
        if (r.clientToken() != null) {
            for (RouteTable t : s().routeTables.values()) {
                if (!r.clientToken().equals(t.clientToken)) continue;
                if (!t.vpcId.equals(r.vpcId())) {
                    throw fail("IdempotentParameterMismatch", "The client token you have provided is associated with a resource with different parameters");
                }
                return CreateRouteTableResponse.builder().routeTable(view(t)).clientToken(t.clientToken).build();
            }
        }
        Vpc v = vpcs.vpc(require(r.vpcId(), "VpcId"));
        Map<String, String> tags = Ec2Support.tagsOnCreate(r.tagSpecifications(), "route-table");
        RouteTable t = new RouteTable();
        t.id = account.newId("rtb");
        t.vpcId = v.id;
        t.clientToken = r.clientToken();
        t.tags.putAll(tags);
        Route local = new Route();
        local.destinationCidr = v.cidr;
        local.gatewayId = "local";
        local.origin = "CreateRouteTable";
        t.routes.add(local);
        s().routeTables.put(t.id, t);
        return CreateRouteTableResponse.builder().routeTable(view(t)).clientToken(t.clientToken).build();
    }

    CreateRouteResponse createRoute(CreateRouteRequest r) {
        RouteTable t = table(require(r.routeTableId(), "RouteTableId"));
        String dest = destination(r.destinationCidrBlock());
        if (t.routes.stream().anyMatch(x -> dest.equals(x.destinationCidr))) {
            throw fail("RouteAlreadyExists", "The route identified by " + dest + " already exists.");
        }
        Route route = target(t, dest, r.gatewayId(), r.natGatewayId());
        t.routes.add(route);
        return CreateRouteResponse.builder().returnValue(true).build();
    }

    ReplaceRouteResponse replaceRoute(ReplaceRouteRequest r) {
        RouteTable t = table(require(r.routeTableId(), "RouteTableId"));
        String dest = destination(r.destinationCidrBlock());
        Route old = t.routes.stream().filter(x -> dest.equals(x.destinationCidr)).findFirst().orElseThrow(() ->
                invalid("There is no route defined for '" + dest + "' in the route table. Use CreateRoute instead."));
        if ("local".equals(old.gatewayId)) throw invalid("cannot replace local route " + dest + " in route table " + t.id);
        Route route = target(t, dest, r.gatewayId(), r.natGatewayId());
        t.routes.set(t.routes.indexOf(old), route);
        return ReplaceRouteResponse.builder().build();
    }

    DeleteRouteResponse deleteRoute(DeleteRouteRequest r) {
        RouteTable t = table(require(r.routeTableId(), "RouteTableId"));
        String dest = destination(r.destinationCidrBlock());
        Route old = t.routes.stream().filter(x -> dest.equals(x.destinationCidr)).findFirst().orElseThrow(() ->
                fail("InvalidRoute.NotFound", "no route with destination-cidr-block " + dest + " in route table " + t.id));
        if ("local".equals(old.gatewayId)) throw invalid("cannot remove local route " + dest + " in route table " + t.id);
        t.routes.remove(old);
        return DeleteRouteResponse.builder().build();
    }

    AssociateRouteTableResponse associateRouteTable(AssociateRouteTableRequest r) {
        RouteTable t = table(require(r.routeTableId(), "RouteTableId"));
        Subnet sub = vpcs.subnet(require(r.subnetId(), "SubnetId"));
        if (!sub.vpcId.equals(t.vpcId)) {
            throw invalid("Route table " + t.id + " and subnet " + sub.id + " belong to different networks");
        }
        for (RouteTable other : s().routeTables.values()) {
            for (Association a : other.associations) {
                if (sub.id.equals(a.subnetId)) {
                    throw fail("Resource.AlreadyAssociated", "the specified association for route table " + t.id
                            + " conflicts with an existing association");
                }
            }
        }
        Association a = new Association();
        a.id = account.newId("rtbassoc");
        a.subnetId = sub.id;
        t.associations.add(a);
        return AssociateRouteTableResponse.builder().associationId(a.id)
                .associationState(RouteTableAssociationState.builder().state("associated").build()).build();
    }

    DisassociateRouteTableResponse disassociateRouteTable(DisassociateRouteTableRequest r) {
        String id = require(r.associationId(), "AssociationId");
        for (RouteTable t : s().routeTables.values()) {
            for (Association a : t.associations) {
                if (a.id.equals(id)) {
                    if (a.main) throw invalid("cannot disassociate the main route table association " + id);
                    t.associations.remove(a);
                    return DisassociateRouteTableResponse.builder().build();
                }
            }
        }
        throw fail("InvalidAssociationID.NotFound", "The association ID '" + id + "' does not exist");
    }

    /** Moves a subnet's association to another table of the same VPC in one step, as EC2 does: the subnet is never without one. */
    ReplaceRouteTableAssociationResponse replaceRouteTableAssociation(ReplaceRouteTableAssociationRequest r) {
        String id = require(r.associationId(), "AssociationId");
        RouteTable target = table(require(r.routeTableId(), "RouteTableId"));
        for (RouteTable t : s().routeTables.values()) {
            for (Association a : t.associations) {
                if (!a.id.equals(id)) continue;
                if (!t.vpcId.equals(target.vpcId)) {
                    throw invalid("Route table " + target.id + " and association " + id + " belong to different networks");
                }
                t.associations.remove(a);
                Association moved = new Association();
                moved.id = account.newId("rtbassoc");
                moved.subnetId = a.subnetId;
                moved.main = a.main;
                target.associations.add(moved);
                return ReplaceRouteTableAssociationResponse.builder().newAssociationId(moved.id)
                        .associationState(RouteTableAssociationState.builder().state("associated").build()).build();
            }
        }
        throw fail("InvalidAssociationID.NotFound", "The association ID '" + id + "' does not exist");
    }

    DescribeRouteTablesResponse describeRouteTables(DescribeRouteTablesRequest r) {
        for (String id : r.routeTableIds()) table(id);
        List<software.amazon.awssdk.services.ec2.model.RouteTable> out = new ArrayList<>();
        for (RouteTable t : s().routeTables.values()) {
            if (r.hasRouteTableIds() && !r.routeTableIds().contains(t.id)) continue;
            boolean match = Ec2Support.matches(r.filters(), t.tags, name -> switch (name) {
                case "route-table-id" -> List.of(t.id);
                case "vpc-id" -> List.of(t.vpcId);
                case "association.subnet-id" -> t.associations.stream().map(a -> a.subnetId).filter(Objects::nonNull).toList();
                case "association.route-table-association-id" -> t.associations.stream().map(a -> a.id).toList();
                case "association.main" -> List.of(String.valueOf(t.associations.stream().anyMatch(a -> a.main)));
                case "route.gateway-id" -> t.routes.stream().map(x -> x.gatewayId).filter(Objects::nonNull).toList();
                case "route.nat-gateway-id" -> t.routes.stream().map(x -> x.natGatewayId).filter(Objects::nonNull).toList();
                case "route.destination-cidr-block" -> t.routes.stream().map(x -> x.destinationCidr).toList();
                case "owner-id" -> List.of(account.accountId());
                default -> null;
            });
            if (match) out.add(view(t));
        }
        return DescribeRouteTablesResponse.builder().routeTables(out).build();
    }

    DeleteRouteTableResponse deleteRouteTable(DeleteRouteTableRequest r) {
        RouteTable t = table(require(r.routeTableId(), "RouteTableId"));
        if (!t.associations.isEmpty()) {
            throw fail("DependencyViolation", "The routeTable '" + t.id + "' has dependencies and cannot be deleted.");
        }
        s().routeTables.remove(t.id);
        return DeleteRouteTableResponse.builder().build();
    }

    RouteTable table(String id) {
        RouteTable t = s().routeTables.get(id);
        if (t == null) throw fail("InvalidRouteTableID.NotFound", "The routeTable ID '" + id + "' does not exist");
        return t;
    }

    private static String destination(String cidr) {
        require(cidr, "DestinationCidrBlock");
        Ipv4Cidr c = Ipv4Cidr.parse(cidr);
        if (c == null) throw invalid("Value (" + cidr + ") for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.");
        return c.toString();
    }

    private Route target(RouteTable t, String dest, String gatewayId, String natGatewayId) {
        if ((gatewayId == null) == (natGatewayId == null)) {
            throw invalid("The request must contain exactly one of gatewayId, natGatewayId");
        }
        Route route = new Route();
        route.destinationCidr = dest;
        if (gatewayId != null) {
            if (!gatewayId.startsWith("igw-")) throw fail("InvalidGatewayID.NotFound", "The gateway ID '" + gatewayId + "' does not exist");
            InternetGateway g = s().internetGateways.get(gatewayId);
            if (g == null) throw fail("InvalidGatewayID.NotFound", "The gateway ID '" + gatewayId + "' does not exist");
            if (!t.vpcId.equals(g.attachedVpcId)) {
                throw invalid("route table " + t.id + " and network gateway " + gatewayId + " belong to different networks");
            }
            route.gatewayId = gatewayId;
        } else {
            NatGateway n = s().natGateways.get(natGatewayId);
            if (n == null || Ec2State.natState(n, account.now()).equals("deleted")) {
                throw fail("InvalidNatGatewayID.NotFound", "The natGateway ID '" + natGatewayId + "' does not exist");
            }
            if (!t.vpcId.equals(n.vpcId)) {
                throw invalid("route table " + t.id + " and NAT gateway " + natGatewayId + " belong to different networks");
            }
            route.natGatewayId = natGatewayId;
        }
        return route;
    }

    private software.amazon.awssdk.services.ec2.model.RouteTable view(RouteTable t) {
        List<software.amazon.awssdk.services.ec2.model.Route> routes = new ArrayList<>();
        for (Route x : t.routes) {
            routes.add(software.amazon.awssdk.services.ec2.model.Route.builder().destinationCidrBlock(x.destinationCidr)
                    .gatewayId(x.gatewayId).natGatewayId(x.natGatewayId).origin(x.origin).state(routeState(t, x)).build());
        }
        List<RouteTableAssociation> assocs = new ArrayList<>();
        for (Association a : t.associations) {
            assocs.add(RouteTableAssociation.builder().routeTableAssociationId(a.id).routeTableId(t.id)
                    .subnetId(a.subnetId).main(a.main)
                    .associationState(RouteTableAssociationState.builder().state("associated").build()).build());
        }
        return software.amazon.awssdk.services.ec2.model.RouteTable.builder().routeTableId(t.id).vpcId(t.vpcId)
                .ownerId(account.accountId()).routes(routes).associations(assocs).tags(Ec2Support.sdkTags(t.tags)).build();
    }

    /** A route whose target went away stays in the table as a blackhole, as in AWS. */
    private String routeState(RouteTable t, Route x) {
        if (x.gatewayId != null && x.gatewayId.startsWith("igw-")) {
            InternetGateway g = s().internetGateways.get(x.gatewayId);
            return g != null && t.vpcId.equals(g.attachedVpcId) ? "active" : "blackhole";
        }
        if (x.natGatewayId != null) {
            NatGateway n = s().natGateways.get(x.natGatewayId);
            String st = n == null ? "deleted" : Ec2State.natState(n, account.now());
            return st.equals("deleted") || st.equals("failed") || st.equals("deleting") ? "blackhole" : "active";
        }
        return "active";
    }
}
