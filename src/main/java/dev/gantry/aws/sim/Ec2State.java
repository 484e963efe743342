package dev.gantry.aws.sim;

import dev.gantry.aws.sim.Ec2Model.Eni;
import dev.gantry.aws.sim.Ec2Model.InternetGateway;
import dev.gantry.aws.sim.Ec2Model.NatGateway;
import dev.gantry.aws.sim.Ec2Model.RouteTable;
import dev.gantry.aws.sim.Ec2Model.Subnet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated EC2 state: plain serialisable fields, and the queries other simulated services
 * need. (No no-argument getX()/isX() methods here: Jackson would take them for properties.) The
 * parts {@link SimEc2} keeps change it; other services' network interfaces go through
 * {@link Ec2Interfaces}.
 */
public final class Ec2State {
    /**
     * The account's default VPC appears on first use of the region, as it does for a new account;
     * once deleted it stays deleted (AWS recreates it only on request).
     */
    public boolean defaultVpcCreated;
    public long publicIpCounter;

    public Map<String, Ec2Model.Vpc> vpcs = new LinkedHashMap<>();
    public Map<String, Subnet> subnets = new LinkedHashMap<>();
    public Map<String, InternetGateway> internetGateways = new LinkedHashMap<>();
    public Map<String, RouteTable> routeTables = new LinkedHashMap<>();
    public Map<String, Ec2Model.ElasticIp> addresses = new LinkedHashMap<>();
    public Map<String, NatGateway> natGateways = new LinkedHashMap<>();
    public Map<String, Ec2Model.SecurityGroup> securityGroups = new LinkedHashMap<>();
    public Map<String, Eni> enis = new LinkedHashMap<>();

    // ---- queries used by the simulated ECS and ELB ----

    public boolean vpcExists(String vpcId) { return vpcId != null && vpcs.containsKey(vpcId); }

    public boolean subnetExists(String subnetId) { return subnetId != null && subnets.containsKey(subnetId); }

    /** The subnet's AZ name, or null when there is no such subnet. */
    public String availabilityZoneOfSubnet(String subnetId) {
        Subnet s = subnetId == null ? null : subnets.get(subnetId);
        return s == null ? null : s.availabilityZone;
    }

    /** The subnet's VPC id, or null when there is no such subnet. */
    public String vpcOfSubnet(String subnetId) {
        Subnet s = subnetId == null ? null : subnets.get(subnetId);
        return s == null ? null : s.vpcId;
    }

    public boolean securityGroupExists(String groupId) { return groupId != null && securityGroups.containsKey(groupId); }

    public String privateIpOfEni(String eniId) {
        Eni e = eniId == null ? null : enis.get(eniId);
        return e == null ? null : e.privateIp;
    }

    /**
     * Whether a task in this subnet can reach the internet (to pull an image) now: its route table
     * sends 0.0.0.0/0 to an internet gateway (and {@code publicIp} is true) or to an available NAT gateway.
     */
    public boolean subnetReachesInternet(String subnetId, boolean publicIp, Instant now) {
        Ec2Model.Route r = defaultRoute(subnetId);
        if (r == null) return false;
        if (r.gatewayId != null && r.gatewayId.startsWith("igw-")) {
            return publicIp && igwAttachedTo(r.gatewayId, vpcOfSubnet(subnetId));
        }
        if (r.natGatewayId != null) {
            NatGateway nat = natGateways.get(r.natGatewayId);
            if (nat == null || !"available".equals(natState(nat, now))) return false;
            // A NAT gateway forwards only if its own subnet has a way out through an internet gateway.
            Ec2Model.Route out = defaultRoute(nat.subnetId);
            return out != null && out.gatewayId != null && igwAttachedTo(out.gatewayId, nat.vpcId);
        }
        return false;
    }

    // ---- helpers for the simulated EC2 (methods with arguments, so Jackson leaves them alone) ----

    /** The route table that governs a subnet: its explicit association, else its VPC's main table. */
    RouteTable routeTableOf(String subnetId) {
        Subnet s = subnets.get(subnetId);
        if (s == null) return null;
        for (RouteTable t : routeTables.values()) {
            for (Ec2Model.Association a : t.associations) if (subnetId.equals(a.subnetId)) return t;
        }
        Ec2Model.Vpc v = vpcs.get(s.vpcId);
        return v == null ? null : routeTables.get(v.mainRouteTableId);
    }

    private Ec2Model.Route defaultRoute(String subnetId) {
        RouteTable t = subnetId == null ? null : routeTableOf(subnetId);
        if (t == null) return null;
        return t.routes.stream().filter(r -> "0.0.0.0/0".equals(r.destinationCidr)).findFirst().orElse(null);
    }

    private boolean igwAttachedTo(String igwId, String vpcId) {
        InternetGateway g = internetGateways.get(igwId);
        return g != null && vpcId != null && vpcId.equals(g.attachedVpcId);
    }

    /** pending | available | failed | deleting | deleted, from the clock. */
    static String natState(NatGateway n, Instant now) {
        long t = now.toEpochMilli();
        if (n.deleteRequestedAtMillis != null) return t < n.deletedAtMillis ? "deleting" : "deleted";
        if (n.failureCode != null) return t < n.availableAtMillis ? "pending" : "failed";
        return t < n.availableAtMillis ? "pending" : "available";
    }

    /** Interfaces still held at {@code now}. */
    boolean eniLive(Eni e, Instant now) { return e.releaseAtMillis == null || now.toEpochMilli() < e.releaseAtMillis; }

    /** The region's AZ names, as a new account sees them. */
    static List<String> zoneNames(String region) {
        String letters = switch (region) {
            case "us-east-1" -> "abcdef";
            case "us-west-1" -> "bc";
            case "us-west-2", "eu-west-1", "ap-northeast-1" -> "abcd";
            default -> "abc";
        };
        List<String> out = new ArrayList<>();
        for (char c : letters.toCharArray()) out.add(region + c);
        return out;
    }

    /** A zone id such as use1-az1; per-account mappings are not simulated. */
    static String zoneId(String zoneName) {
        String region = zoneName.substring(0, zoneName.length() - 1);
        String[] p = region.split("-");
        String shortName = p[0] + p[1].charAt(0) + (p.length > 2 ? p[2] : "");
        return shortName + "-az" + (zoneName.charAt(zoneName.length() - 1) - 'a' + 1);
    }
}
