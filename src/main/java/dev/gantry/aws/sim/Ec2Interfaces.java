package dev.gantry.aws.sim;

import dev.gantry.aws.sim.Ec2Model.Eni;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTagsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTagsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAssociation;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gantry.aws.sim.Ec2Support.fail;
import static dev.gantry.aws.sim.Ec2Support.require;

/**
 * Network interfaces (the ones other services create: an ALB's nodes, a Fargate task's, a NAT
 * gateway's), and tags on any EC2 resource.
 */
final class Ec2Interfaces {
    private final Ec2State ec2;
    private final SimContext account;

    Ec2Interfaces(Ec2State ec2, SimContext account) {
        this.ec2 = ec2;
        this.account = account;
    }

    /** The world's EC2, for the services that create and release interfaces in it (ECS, ELB). */
    static Ec2Interfaces of(SimWorld world) { return new Ec2Interfaces(world.state.ec2, world); }

    private Ec2State s() { return ec2; }

    /** A network interface in the subnet (an ALB node, a Fargate task); blocks deleting the subnet and its groups. */
    String createEni(String subnetId, List<String> groupIds, String description) {
        return createEni(subnetId, groupIds, description, false);
    }

    /**
     * As above; with {@code publicIp} the interface also gets a public address (a task with
     * assignPublicIp, an internet-facing load balancer node), which AWS counts as a mapped public
     * address: the VPC's internet gateway cannot be detached until the interface is released.
     */
    String createEni(String subnetId, List<String> groupIds, String description, boolean publicIp) {
        Ec2Model.Subnet s = s().subnets.get(subnetId);
        if (s == null) throw new IllegalArgumentException("no subnet " + subnetId);
        Eni e = new Eni();
        e.id = account.newId("eni");
        e.subnetId = subnetId;
        e.vpcId = s.vpcId;
        e.availabilityZone = s.availabilityZone;
        e.groupIds = groupIds == null ? new ArrayList<>() : new ArrayList<>(groupIds);
        e.description = description;
        e.privateIp = nextPrivateIp(s);
        if (publicIp) e.publicIp = nextPublicIp();
        s().enis.put(e.id, e);
        return e.id;
    }

    /** The interface disappears at {@code at} (AWS releases an ALB's or task's interfaces some time after the delete). */
    void releaseEni(String eniId, java.time.Instant at) {
        Eni e = eniId == null ? null : s().enis.get(eniId);
        if (e != null) e.releaseAtMillis = at.toEpochMilli();
    }

    /** Forgets interfaces AWS has let go of, so they stop blocking deletes. */
    void purgeReleasedEnis(java.time.Instant now) { s().enis.values().removeIf(e -> !s().eniLive(e, now)); }

    private String nextPrivateIp(Ec2Model.Subnet s) {
        Ipv4Cidr c = Ipv4Cidr.parse(s.cidr);
        long host = s.nextHost++;
        if (host >= c.size() - 1) host = 4 + (host % Math.max(1, c.size() - 5));
        return c.address(host);
    }

    /** The next public address AWS hands out (an interface's, an Elastic IP's). */
    String nextPublicIp() {
        long n = ++s().publicIpCounter;
        return "54.160." + ((n >> 8) & 255) + "." + (n & 255);
    }

    DescribeNetworkInterfacesResponse describeNetworkInterfaces(DescribeNetworkInterfacesRequest r) {
        for (String id : r.networkInterfaceIds()) {
            if (!s().enis.containsKey(id)) {
                throw fail("InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '" + id + "' does not exist");
            }
        }
        List<NetworkInterface> out = new ArrayList<>();
        for (Eni e : s().enis.values()) {
            if (r.hasNetworkInterfaceIds() && !r.networkInterfaceIds().contains(e.id)) continue;
            boolean match = Ec2Support.matches(r.filters(), e.tags, name -> switch (name) {
                case "network-interface-id" -> List.of(e.id);
                case "subnet-id" -> List.of(e.subnetId);
                case "vpc-id" -> List.of(e.vpcId);
                case "availability-zone" -> List.of(e.availabilityZone);
                case "group-id" -> e.groupIds;
                case "description" -> Ec2Support.one(e.description);
                case "interface-type" -> List.of(e.interfaceType);
                case "status" -> List.of("in-use");
                case "private-ip-address", "addresses.private-ip-address" -> List.of(e.privateIp);
                case "association.public-ip" -> Ec2Support.one(e.publicIp);
                case "requester-managed" -> List.of("true");
                default -> null;
            });
            if (!match) continue;
            List<GroupIdentifier> groups = e.groupIds.stream().map(g -> GroupIdentifier.builder().groupId(g)
                    .groupName(s().securityGroups.containsKey(g) ? s().securityGroups.get(g).name : null).build()).toList();
            var b = NetworkInterface.builder();
            if (e.publicIp != null) b.association(NetworkInterfaceAssociation.builder().publicIp(e.publicIp).ipOwnerId("amazon").build());
            out.add(b.networkInterfaceId(e.id).subnetId(e.subnetId).vpcId(e.vpcId)
                    .availabilityZone(e.availabilityZone).description(e.description).groups(groups)
                    .privateIpAddress(e.privateIp).status("in-use").interfaceType(e.interfaceType)
                    .requesterManaged(true).ownerId(account.accountId()).tagSet(Ec2Support.sdkTags(e.tags)).build());
        }
        return DescribeNetworkInterfacesResponse.builder().networkInterfaces(out).build();
    }

    CreateTagsResponse createTags(CreateTagsRequest r) {
        if (!r.hasResources() || r.resources().isEmpty()) throw Ec2Support.missing("ResourceId");
        List<Map<String, String>> targets = new ArrayList<>();
        for (String id : r.resources()) targets.add(tagsOf(id));
        // One resource refused (50 tags) refuses the call: every target is checked before any is tagged.
        for (Map<String, String> t : targets) Ec2Support.putTags(new java.util.LinkedHashMap<>(t), r.tags());
        for (Map<String, String> t : targets) Ec2Support.putTags(t, r.tags());
        return CreateTagsResponse.builder().build();
    }

    DeleteTagsResponse deleteTags(DeleteTagsRequest r) {
        if (!r.hasResources() || r.resources().isEmpty()) throw Ec2Support.missing("ResourceId");
        for (String id : r.resources()) {
            Map<String, String> t = tagsOf(id);
            if (!r.hasTags()) { t.clear(); continue; }
            for (Tag tag : r.tags()) {
                // A tag given with a value deletes only when the value matches; without one, whatever it is.
                if (tag.value() == null || tag.value().equals(t.get(tag.key()))) t.remove(tag.key());
            }
        }
        return DeleteTagsResponse.builder().build();
    }

    private Map<String, String> tagsOf(String id) {
        require(id, "ResourceId");
        Ec2State st = s();
        Object found;
        String kind;
        if (id.startsWith("vpc-")) { found = st.vpcs.get(id); kind = "vpc"; }
        else if (id.startsWith("subnet-")) { found = st.subnets.get(id); kind = "subnet"; }
        else if (id.startsWith("igw-")) { found = st.internetGateways.get(id); kind = "internetGateway"; }
        else if (id.startsWith("rtb-")) { found = st.routeTables.get(id); kind = "routeTable"; }
        else if (id.startsWith("eipalloc-")) { found = st.addresses.get(id); kind = "allocation"; }
        else if (id.startsWith("nat-")) { found = st.natGateways.get(id); kind = "natGateway"; }
        else if (id.startsWith("sg-")) { found = st.securityGroups.get(id); kind = "securityGroup"; }
        else if (id.startsWith("eni-")) { found = st.enis.get(id); kind = "networkInterface"; }
        else throw fail("InvalidID", "The ID '" + id + "' is not valid");
        if (found == null) {
            String code = switch (kind) {
                case "vpc" -> "InvalidVpcID.NotFound";
                case "subnet" -> "InvalidSubnetID.NotFound";
                case "internetGateway" -> "InvalidInternetGatewayID.NotFound";
                case "routeTable" -> "InvalidRouteTableID.NotFound";
                case "allocation" -> "InvalidAllocationID.NotFound";
                case "natGateway" -> "NatGatewayNotFound";
                case "securityGroup" -> "InvalidGroup.NotFound";
                default -> "InvalidNetworkInterfaceID.NotFound";
            };
            throw fail(code, "The " + kind + " ID '" + id + "' does not exist");
        }
        if (found instanceof Ec2Model.Vpc v) return v.tags;
        if (found instanceof Ec2Model.Subnet x) return x.tags;
        if (found instanceof Ec2Model.InternetGateway x) return x.tags;
        if (found instanceof Ec2Model.RouteTable x) return x.tags;
        if (found instanceof Ec2Model.ElasticIp x) return x.tags;
        if (found instanceof Ec2Model.NatGateway x) return x.tags;
        if (found instanceof Ec2Model.SecurityGroup x) return x.tags;
        return ((Eni) found).tags;
    }
}
