package dev.gantry.aws.sim;

import dev.gantry.aws.sim.Ec2Model.Association;
import dev.gantry.aws.sim.Ec2Model.InternetGateway;
import dev.gantry.aws.sim.Ec2Model.Route;
import dev.gantry.aws.sim.Ec2Model.RouteTable;
import dev.gantry.aws.sim.Ec2Model.Subnet;
import dev.gantry.aws.sim.Ec2Model.Vpc;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.CreateSubnetRequest;
import software.amazon.awssdk.services.ec2.model.CreateSubnetResponse;
import software.amazon.awssdk.services.ec2.model.CreateVpcRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSubnetRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSubnetResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcResponse;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.ModifySubnetAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifySubnetAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcAttributeResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gantry.aws.sim.Ec2Support.fail;
import static dev.gantry.aws.sim.Ec2Support.invalid;
import static dev.gantry.aws.sim.Ec2Support.one;
import static dev.gantry.aws.sim.Ec2Support.require;

/** Availability zones, VPCs (including the account's default VPC) and subnets. */
final class Ec2Vpcs {
    private final Ec2State ec2;
    private final SimContext account;

    Ec2Vpcs(Ec2State ec2, SimContext account) {
        this.ec2 = ec2;
        this.account = account;
    }

    private Ec2State s() { return ec2; }

    // ---- the default VPC ----

    /** 172.31.0.0/16 with a /20 default subnet per AZ, an attached internet gateway and a route to it. */
    void ensureDefaultVpc() {
        Ec2State st = s();
        if (st.defaultVpcCreated) return;
        st.defaultVpcCreated = true;
        Vpc v = newVpc("172.31.0.0/16", Map.of());
        v.isDefault = true;
        v.enableDnsHostnames = true;
        InternetGateway g = new InternetGateway();
        g.id = account.newId("igw");
        g.attachedVpcId = v.id;
        st.internetGateways.put(g.id, g);
        Route out = new Route();
        out.destinationCidr = "0.0.0.0/0";
        out.gatewayId = g.id;
        st.routeTables.get(v.mainRouteTableId).routes.add(out);
        List<String> zones = Ec2State.zoneNames(account.region());
        for (int i = 0; i < zones.size(); i++) {
            Subnet sub = newSubnet(v, "172.31." + (16 * i) + ".0/20", zones.get(i), Map.of());
            sub.defaultForAz = true;
            sub.mapPublicIpOnLaunch = true;
        }
    }

    // ---- availability zones ----

    DescribeAvailabilityZonesResponse describeAvailabilityZones(DescribeAvailabilityZonesRequest r) {
        List<AvailabilityZone> out = new ArrayList<>();
        for (String z : Ec2State.zoneNames(account.region())) {
            if (r.hasZoneNames() && !r.zoneNames().contains(z)) continue;
            if (r.hasZoneIds() && !r.zoneIds().contains(Ec2State.zoneId(z))) continue;
            boolean match = Ec2Support.matches(r.filters(), Map.of(), name -> switch (name) {
                case "zone-name" -> List.of(z);
                case "zone-id" -> List.of(Ec2State.zoneId(z));
                case "state" -> List.of("available");
                case "region-name" -> List.of(account.region());
                case "zone-type" -> List.of("availability-zone");
                case "opt-in-status" -> List.of("opt-in-not-required");
                default -> null;
            });
            if (!match) continue;
            out.add(AvailabilityZone.builder().zoneName(z).zoneId(Ec2State.zoneId(z)).regionName(account.region())
                    .state("available").zoneType("availability-zone").optInStatus("opt-in-not-required")
                    .groupName(account.region()).networkBorderGroup(account.region()).build());
        }
        if (r.hasZoneNames()) {
            for (String z : r.zoneNames()) {
                if (!Ec2State.zoneNames(account.region()).contains(z)) {
                    throw invalid("The zone '" + z + "' does not exist.");
                }
            }
        }
        return DescribeAvailabilityZonesResponse.builder().availabilityZones(out).build();
    }

    // ---- VPCs ----

    CreateVpcResponse createVpc(CreateVpcRequest r) {
        String cidr = require(r.cidrBlock(), "CidrBlock");
        Ipv4Cidr c = Ipv4Cidr.parse(cidr);
        if (c == null) throw invalid("Value (" + cidr + ") for parameter cidrBlock is invalid. This is not a valid CIDR block.");
        if (c.prefix() < 16 || c.prefix() > 28) throw fail("InvalidVpc.Range", "The CIDR '" + cidr + "' is invalid.");
        Map<String, String> tags = Ec2Support.tagsOnCreate(r.tagSpecifications(), "vpc");
        if (s().vpcs.size() >= 5 + (s().defaultVpcCreated ? 1 : 0)) {
            throw fail("VpcLimitExceeded", "The maximum number of VPCs has been reached.");
        }
        Vpc v = newVpc(c.toString(), tags);
        return CreateVpcResponse.builder().vpc(view(v, "pending")).build();
    }

    DescribeVpcsResponse describeVpcs(DescribeVpcsRequest r) {
        for (String id : r.vpcIds()) vpc(id);
        List<software.amazon.awssdk.services.ec2.model.Vpc> out = new ArrayList<>();
        for (Vpc v : s().vpcs.values()) {
            if (r.hasVpcIds() && !r.vpcIds().contains(v.id)) continue;
            boolean match = Ec2Support.matches(r.filters(), v.tags, name -> switch (name) {
                case "vpc-id" -> List.of(v.id);
                case "cidr", "cidr-block", "cidr-block-association.cidr-block" -> List.of(v.cidr);
                case "is-default", "isDefault" -> List.of(String.valueOf(v.isDefault));
                case "state" -> List.of("available");
                case "owner-id" -> List.of(account.accountId());
                case "dhcp-options-id" -> List.of("dopt-default");
                default -> null;
            });
            if (match) out.add(view(v, "available"));
        }
        return DescribeVpcsResponse.builder().vpcs(out).build();
    }

    ModifyVpcAttributeResponse modifyVpcAttribute(ModifyVpcAttributeRequest r) {
        Vpc v = vpc(require(r.vpcId(), "VpcId"));
        int given = (r.enableDnsSupport() != null ? 1 : 0) + (r.enableDnsHostnames() != null ? 1 : 0)
                + (r.enableNetworkAddressUsageMetrics() != null ? 1 : 0);
        // AWS takes exactly one attribute per call.
        if (given != 1) throw invalid("Exactly one attribute must be specified per request");
        if (r.enableDnsSupport() != null) {
            boolean on = Boolean.TRUE.equals(r.enableDnsSupport().value());
            if (!on && v.enableDnsHostnames) {
                throw invalid("enableDnsHostnames cannot be true while enableDnsSupport is false");
            }
            v.enableDnsSupport = on;
        }
        if (r.enableDnsHostnames() != null) {
            boolean on = Boolean.TRUE.equals(r.enableDnsHostnames().value());
            if (on && !v.enableDnsSupport) {
                throw invalid("enableDnsHostnames cannot be enabled while enableDnsSupport is disabled");
            }
            v.enableDnsHostnames = on;
        }
        return ModifyVpcAttributeResponse.builder().build();
    }

    DescribeVpcAttributeResponse describeVpcAttribute(DescribeVpcAttributeRequest r) {
        Vpc v = vpc(require(r.vpcId(), "VpcId"));
        String a = require(r.attributeAsString(), "Attribute");
        var b = DescribeVpcAttributeResponse.builder().vpcId(v.id);
        switch (a) {
            case "enableDnsSupport" -> b.enableDnsSupport(bool(v.enableDnsSupport));
            case "enableDnsHostnames" -> b.enableDnsHostnames(bool(v.enableDnsHostnames));
            case "enableNetworkAddressUsageMetrics" -> b.enableNetworkAddressUsageMetrics(bool(false));
            default -> throw invalid("Value (" + a + ") for parameter attribute is invalid.");
        }
        return b.build();
    }

    DeleteVpcResponse deleteVpc(DeleteVpcRequest r) {
        Vpc v = vpc(require(r.vpcId(), "VpcId"));
        Ec2State st = s();
        boolean busy = st.subnets.values().stream().anyMatch(x -> x.vpcId.equals(v.id))
                || st.internetGateways.values().stream().anyMatch(g -> v.id.equals(g.attachedVpcId))
                || st.securityGroups.values().stream().anyMatch(g -> g.vpcId.equals(v.id) && !g.id.equals(v.defaultSecurityGroupId))
                || st.routeTables.values().stream().anyMatch(t -> t.vpcId.equals(v.id) && !t.id.equals(v.mainRouteTableId))
                || st.enis.values().stream().anyMatch(e -> e.vpcId.equals(v.id) && st.eniLive(e, account.now()))
                || st.natGateways.values().stream().anyMatch(n -> n.vpcId.equals(v.id)
                        && !"deleted".equals(Ec2State.natState(n, account.now())));
        if (busy) throw fail("DependencyViolation", "The vpc '" + v.id + "' has dependencies and cannot be deleted.");
        st.routeTables.remove(v.mainRouteTableId);
        st.securityGroups.remove(v.defaultSecurityGroupId);
        st.vpcs.remove(v.id);
        return DeleteVpcResponse.builder().build();
    }

    // ---- subnets ----

    CreateSubnetResponse createSubnet(CreateSubnetRequest r) {
        Vpc v = vpc(require(r.vpcId(), "VpcId"));
        String cidr = require(r.cidrBlock(), "CidrBlock");
        Ipv4Cidr c = Ipv4Cidr.parse(cidr);
        if (c == null) throw invalid("Value (" + cidr + ") for parameter cidrBlock is invalid. This is not a valid CIDR block.");
        if (c.prefix() < 16 || c.prefix() > 28 || !Ipv4Cidr.parse(v.cidr).contains(c)) {
            throw fail("InvalidSubnet.Range", "The CIDR '" + cidr + "' is invalid.");
        }
        for (Subnet other : s().subnets.values()) {
            if (other.vpcId.equals(v.id) && Ipv4Cidr.parse(other.cidr).overlaps(c)) {
                throw fail("InvalidSubnet.Conflict", "The CIDR '" + cidr + "' conflicts with another subnet");
            }
        }
        List<String> zones = Ec2State.zoneNames(account.region());
        String az = r.availabilityZone();
        if (az == null && r.availabilityZoneId() != null) {
            az = zones.stream().filter(z -> Ec2State.zoneId(z).equals(r.availabilityZoneId())).findFirst()
                    .orElseThrow(() -> invalid("Value (" + r.availabilityZoneId() + ") for parameter availabilityZoneId is invalid."));
        }
        if (az == null) az = zones.get(0);
        if (!zones.contains(az)) {
            throw invalid("Value (" + az + ") for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: "
                    + String.join(", ", zones) + ".");
        }
        Map<String, String> tags = Ec2Support.tagsOnCreate(r.tagSpecifications(), "subnet");
        Subnet sub = newSubnet(v, c.toString(), az, tags);
        return CreateSubnetResponse.builder().subnet(view(sub, "pending")).build();
    }

    DescribeSubnetsResponse describeSubnets(DescribeSubnetsRequest r) {
        for (String id : r.subnetIds()) subnet(id);
        List<software.amazon.awssdk.services.ec2.model.Subnet> out = new ArrayList<>();
        for (Subnet sub : s().subnets.values()) {
            if (r.hasSubnetIds() && !r.subnetIds().contains(sub.id)) continue;
            boolean match = Ec2Support.matches(r.filters(), sub.tags, name -> switch (name) {
                case "vpc-id" -> List.of(sub.vpcId);
                case "subnet-id" -> List.of(sub.id);
                case "cidr-block", "cidr", "cidrBlock" -> List.of(sub.cidr);
                case "availability-zone", "availabilityZone" -> List.of(sub.availabilityZone);
                case "availability-zone-id" -> List.of(sub.availabilityZoneId);
                case "default-for-az", "defaultForAz" -> one(sub.defaultForAz);
                case "map-public-ip-on-launch" -> one(sub.mapPublicIpOnLaunch);
                case "state" -> List.of("available");
                case "owner-id" -> List.of(account.accountId());
                default -> null;
            });
            if (match) out.add(view(sub, "available"));
        }
        return DescribeSubnetsResponse.builder().subnets(out).build();
    }

    ModifySubnetAttributeResponse modifySubnetAttribute(ModifySubnetAttributeRequest r) {
        Subnet sub = subnet(require(r.subnetId(), "SubnetId"));
        if (r.mapPublicIpOnLaunch() == null) throw invalid("Exactly one attribute must be specified per request");
        sub.mapPublicIpOnLaunch = Boolean.TRUE.equals(r.mapPublicIpOnLaunch().value());
        return ModifySubnetAttributeResponse.builder().build();
    }

    DeleteSubnetResponse deleteSubnet(DeleteSubnetRequest r) {
        Subnet sub = subnet(require(r.subnetId(), "SubnetId"));
        Ec2State st = s();
        boolean busy = st.enis.values().stream().anyMatch(e -> e.subnetId.equals(sub.id) && st.eniLive(e, account.now()))
                || st.natGateways.values().stream().anyMatch(n -> n.subnetId.equals(sub.id)
                        && !"deleted".equals(Ec2State.natState(n, account.now())));
        if (busy) throw fail("DependencyViolation", "The subnet '" + sub.id + "' has dependencies and cannot be deleted.");
        // AWS drops the subnet's route table association along with it.
        for (RouteTable t : st.routeTables.values()) t.associations.removeIf(a -> sub.id.equals(a.subnetId));
        st.subnets.remove(sub.id);
        return DeleteSubnetResponse.builder().build();
    }

    // ---- lookups that fail as AWS does ----

    Vpc vpc(String id) {
        Vpc v = s().vpcs.get(id);
        if (v == null) throw fail("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
        return v;
    }

    Subnet subnet(String id) {
        Subnet sub = s().subnets.get(id);
        if (sub == null) throw fail("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
        return sub;
    }

    // ---- construction and views ----

    private Vpc newVpc(String cidr, Map<String, String> tags) {
        Ec2State st = s();
        Vpc v = new Vpc();
        v.id = account.newId("vpc");
        v.cidr = cidr;
        v.tags.putAll(tags);
        RouteTable main = new RouteTable();
        main.id = account.newId("rtb");
        main.vpcId = v.id;
        Route local = new Route();
        local.destinationCidr = cidr;
        local.gatewayId = "local";
        local.origin = "CreateRouteTable";
        main.routes.add(local);
        Association a = new Association();
        a.id = account.newId("rtbassoc");
        a.main = true;
        main.associations.add(a);
        st.routeTables.put(main.id, main);
        v.mainRouteTableId = main.id;
        Ec2Model.SecurityGroup dflt = Ec2SecurityGroups.newGroup(ec2, account, "default", "default VPC security group", v.id, Map.of());
        // The default group lets its own members talk to each other.
        Ec2Model.Permission self = new Ec2Model.Permission();
        self.protocol = "-1";
        self.sourceGroupId = dflt.id;
        dflt.ingress.add(self);
        v.defaultSecurityGroupId = dflt.id;
        st.vpcs.put(v.id, v);
        return v;
    }

    private Subnet newSubnet(Vpc v, String cidr, String az, Map<String, String> tags) {
        Subnet sub = new Subnet();
        sub.id = account.newId("subnet");
        sub.vpcId = v.id;
        sub.cidr = cidr;
        sub.availabilityZone = az;
        sub.availabilityZoneId = Ec2State.zoneId(az);
        sub.tags.putAll(tags);
        s().subnets.put(sub.id, sub);
        return sub;
    }

    private software.amazon.awssdk.services.ec2.model.Vpc view(Vpc v, String state) {
        return software.amazon.awssdk.services.ec2.model.Vpc.builder().vpcId(v.id).cidrBlock(v.cidr).state(state)
                .isDefault(v.isDefault).ownerId(account.accountId()).instanceTenancy("default")
                .dhcpOptionsId("dopt-default").tags(Ec2Support.sdkTags(v.tags)).build();
    }

    private software.amazon.awssdk.services.ec2.model.Subnet view(Subnet sub, String state) {
        Ipv4Cidr c = Ipv4Cidr.parse(sub.cidr);
        long used = s().enis.values().stream().filter(e -> e.subnetId.equals(sub.id)).count()
                + s().natGateways.values().stream().filter(n -> n.subnetId.equals(sub.id)
                        && !"deleted".equals(Ec2State.natState(n, account.now()))).count();
        return software.amazon.awssdk.services.ec2.model.Subnet.builder().subnetId(sub.id).vpcId(sub.vpcId)
                .cidrBlock(sub.cidr).availabilityZone(sub.availabilityZone).availabilityZoneId(sub.availabilityZoneId)
                .defaultForAz(sub.defaultForAz).mapPublicIpOnLaunch(sub.mapPublicIpOnLaunch).state(state)
                .availableIpAddressCount((int) (c.size() - 5 - used)).ownerId(account.accountId())
                .subnetArn("arn:aws:ec2:" + account.region() + ":" + account.accountId() + ":subnet/" + sub.id)
                .tags(Ec2Support.sdkTags(sub.tags)).build();
    }

    static AttributeBooleanValue bool(boolean b) { return AttributeBooleanValue.builder().value(b).build(); }
}
