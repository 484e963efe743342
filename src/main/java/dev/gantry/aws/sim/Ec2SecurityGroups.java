package dev.gantry.aws.sim;

import dev.gantry.aws.sim.Ec2Model.Permission;
import dev.gantry.aws.sim.Ec2Model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.gantry.aws.sim.Ec2Support.fail;
import static dev.gantry.aws.sim.Ec2Support.invalid;
import static dev.gantry.aws.sim.Ec2Support.require;

/** Security groups and their ingress rules. */
final class Ec2SecurityGroups {
    private final Ec2State ec2;
    private final SimContext account;
    private final Ec2Vpcs vpcs;

    Ec2SecurityGroups(Ec2State ec2, SimContext account, Ec2Vpcs vpcs) {
        this.ec2 = ec2;
        this.account = account;
        this.vpcs = vpcs;
    }

    private Ec2State s() { return ec2; }

    static SecurityGroup newGroup(Ec2State ec2, SimContext account, String name, String description, String vpcId, Map<String, String> tags) {
        SecurityGroup g = new SecurityGroup();
        g.id = account.newId("sg");
        g.name = name;
        g.description = description;
        g.vpcId = vpcId;
        g.tags.putAll(tags);
        // New groups allow all outbound traffic until someone says otherwise.
        Permission all = new Permission();
        all.protocol = "-1";
        all.cidr = "0.0.0.0/0";
        g.egress.add(all);
        ec2.securityGroups.put(g.id, g);
        return g;
    }

    CreateSecurityGroupResponse createSecurityGroup(CreateSecurityGroupRequest r) {
        String name = require(r.groupName(), "GroupName");
        String description = require(r.description(), "GroupDescription");
        if (name.length() > 255 || description.length() > 255) throw invalid("Group name and description are limited to 255 characters");
        if (name.toLowerCase().startsWith("sg-")) throw invalid("Group names may not be in the format sg-*");
        if (name.equals("default")) throw fail("InvalidGroup.Reserved", "The security group 'default' is reserved");
        String vpcId = r.vpcId() != null ? r.vpcId() : s().vpcs.values().stream().filter(v -> v.isDefault)
                .map(v -> v.id).findFirst().orElseThrow(() -> fail("VPCIdNotSpecified", "No default VPC for this user"));
        vpcs.vpc(vpcId);
        for (SecurityGroup g : s().securityGroups.values()) {
            if (g.vpcId.equals(vpcId) && g.name.equals(name)) {
                throw fail("InvalidGroup.Duplicate", "The security group '" + name + "' already exists for VPC '" + vpcId + "'");
            }
        }
        Map<String, String> tags = Ec2Support.tagsOnCreate(r.tagSpecifications(), "security-group");
        SecurityGroup g = newGroup(ec2, account, name, description, vpcId, tags);
        return CreateSecurityGroupResponse.builder().groupId(g.id).tags(Ec2Support.sdkTags(g.tags))
                .securityGroupArn(arn(g)).build();
    }

    static final int INBOUND_RULES_PER_GROUP = 60;

    AuthorizeSecurityGroupIngressResponse authorizeIngress(AuthorizeSecurityGroupIngressRequest r) {
        SecurityGroup g = groupFor(r.groupId(), r.groupName());
        List<Permission> add = flatten(g, r.hasIpPermissions() ? r.ipPermissions() : List.of(), r.ipProtocol(),
                r.fromPort(), r.toPort(), r.cidrIp());
        if (add.isEmpty()) throw fail("MissingParameter", "No inbound rule was specified");
        for (int i = 0; i < add.size(); i++) {
            Permission p = add.get(i);
            boolean dup = g.ingress.stream().anyMatch(p::sameRule);
            for (int j = 0; j < i; j++) dup |= add.get(j).sameRule(p);
            if (dup) {
                throw fail("InvalidPermission.Duplicate", "the specified rule \"peer: "
                        + (p.cidr != null ? p.cidr : p.sourceGroupId) + ", " + p.protocol.toUpperCase()
                        + ", from port: " + p.fromPort + ", to port: " + p.toPort + ", ALLOW\" already exists");
            }
        }
        // Amazon VPC quotas: 60 inbound rules per security group by default (each CIDR or source
        // group with its port range is one rule).
        if (g.ingress.size() + add.size() > INBOUND_RULES_PER_GROUP) {
            throw fail("RulesPerSecurityGroupLimitExceeded", "The maximum number of rules per security group has been reached.");
        }
        g.ingress.addAll(add);
        return AuthorizeSecurityGroupIngressResponse.builder().returnValue(true).build();
    }

    RevokeSecurityGroupIngressResponse revokeIngress(RevokeSecurityGroupIngressRequest r) {
        SecurityGroup g = groupFor(r.groupId(), r.groupName());
        List<Permission> remove = flatten(g, r.hasIpPermissions() ? r.ipPermissions() : List.of(), r.ipProtocol(),
                r.fromPort(), r.toPort(), r.cidrIp());
        List<Permission> unknown = new ArrayList<>();
        for (Permission p : remove) {
            if (!g.ingress.removeIf(p::sameRule)) unknown.add(p);
        }
        var b = RevokeSecurityGroupIngressResponse.builder().returnValue(unknown.isEmpty());
        if (!unknown.isEmpty()) b.unknownIpPermissions(permissions(unknown));
        return b.build();
    }

    DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest r) {
        for (String id : r.groupIds()) group(id);
        List<software.amazon.awssdk.services.ec2.model.SecurityGroup> out = new ArrayList<>();
        for (SecurityGroup g : s().securityGroups.values()) {
            if (r.hasGroupIds() && !r.groupIds().contains(g.id)) continue;
            if (r.hasGroupNames() && !r.groupNames().contains(g.name)) continue;
            boolean match = Ec2Support.matches(r.filters(), g.tags, name -> switch (name) {
                case "group-id" -> List.of(g.id);
                case "group-name" -> List.of(g.name);
                case "vpc-id" -> List.of(g.vpcId);
                case "description" -> List.of(g.description);
                case "owner-id" -> List.of(account.accountId());
                case "ip-permission.cidr" -> g.ingress.stream().map(p -> p.cidr).filter(Objects::nonNull).toList();
                case "ip-permission.group-id" -> g.ingress.stream().map(p -> p.sourceGroupId).filter(Objects::nonNull).toList();
                default -> null;
            });
            if (match) out.add(view(g));
        }
        return DescribeSecurityGroupsResponse.builder().securityGroups(out).build();
    }

    DeleteSecurityGroupResponse deleteSecurityGroup(DeleteSecurityGroupRequest r) {
        SecurityGroup g = groupFor(r.groupId(), r.groupName());
        if (g.name.equals("default")) {
            throw fail("CannotDelete", "the specified group: \"" + g.id + "\" name: \"default\" cannot be deleted by a user");
        }
        Ec2State st = s();
        boolean referenced = st.securityGroups.values().stream().anyMatch(o -> !o.id.equals(g.id)
                && (o.ingress.stream().anyMatch(p -> g.id.equals(p.sourceGroupId))
                || o.egress.stream().anyMatch(p -> g.id.equals(p.sourceGroupId))));
        boolean inUse = st.enis.values().stream().anyMatch(e -> e.groupIds.contains(g.id) && st.eniLive(e, account.now()));
        if (referenced || inUse) throw fail("DependencyViolation", "resource " + g.id + " has a dependent object");
        st.securityGroups.remove(g.id);
        return DeleteSecurityGroupResponse.builder().returnValue(true).groupId(g.id).build();
    }

    SecurityGroup group(String id) {
        SecurityGroup g = s().securityGroups.get(id);
        if (g == null) throw fail("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
        return g;
    }

    /** By id, or by name in the default VPC (the only place EC2 still accepts a bare name). */
    private SecurityGroup groupFor(String id, String name) {
        if (id != null) return group(id);
        require(name, "GroupId");
        return s().securityGroups.values().stream()
                .filter(g -> g.name.equals(name) && s().vpcs.containsKey(g.vpcId) && s().vpcs.get(g.vpcId).isDefault)
                .findFirst().orElseThrow(() -> fail("InvalidGroup.NotFound",
                        "The security group '" + name + "' does not exist in default VPC"));
    }

    private List<Permission> flatten(SecurityGroup g, List<IpPermission> perms, String protocol, Integer from, Integer to, String cidr) {
        List<Permission> out = new ArrayList<>();
        if (cidr != null) out.add(rule(protocol, from, to, cidr, null, null));
        for (IpPermission p : perms) {
            for (IpRange ip : p.ipRanges()) out.add(rule(p.ipProtocol(), p.fromPort(), p.toPort(), ip.cidrIp(), null, ip.description()));
            for (UserIdGroupPair pair : p.userIdGroupPairs()) {
                SecurityGroup src = group(require(pair.groupId(), "GroupId"));
                if (!src.vpcId.equals(g.vpcId)) {
                    throw fail("InvalidGroup.NotFound", "You have specified two resources that belong to different networks.");
                }
                out.add(rule(p.ipProtocol(), p.fromPort(), p.toPort(), null, src.id, pair.description()));
            }
            if (!p.hasIpRanges() && !p.hasUserIdGroupPairs()) throw fail("MissingParameter", "An IP range or a source group is required");
        }
        return out;
    }

    private static Permission rule(String protocol, Integer from, Integer to, String cidr, String group, String description) {
        String proto = require(protocol, "IpProtocol").toLowerCase();
        proto = switch (proto) { case "6" -> "tcp"; case "17" -> "udp"; case "1" -> "icmp"; case "all" -> "-1"; default -> proto; };
        if (!List.of("tcp", "udp", "icmp", "-1").contains(proto)) throw invalid("Invalid value '" + protocol + "' for IP protocol. Unknown protocol.");
        Permission p = new Permission();
        p.protocol = proto;
        if (proto.equals("-1")) {
            p.fromPort = null;
            p.toPort = null;
        } else {
            if (from == null || to == null) throw fail("MissingParameter", "The request must contain the parameter ipPermissions.fromPort and toPort");
            if (proto.equals("tcp") || proto.equals("udp")) {
                if (from < 0 || to > 65535 || from > to) throw invalid("Invalid TCP/UDP port range " + from + "-" + to);
            }
            p.fromPort = from;
            p.toPort = to;
        }
        if (cidr != null && Ipv4Cidr.parse(cidr) == null) throw invalid("CIDR block " + cidr + " is malformed");
        p.cidr = cidr;
        p.sourceGroupId = group;
        p.description = description;
        return p;
    }

    /** Rules grouped back into IpPermissions by protocol and port range, as Describe shows them. */
    private List<IpPermission> permissions(List<Permission> rules) {
        Map<String, List<Permission>> byRange = new LinkedHashMap<>();
        for (Permission p : rules) byRange.computeIfAbsent(p.protocol + "|" + p.fromPort + "|" + p.toPort, k -> new ArrayList<>()).add(p);
        List<IpPermission> out = new ArrayList<>();
        for (List<Permission> same : byRange.values()) {
            Permission first = same.get(0);
            List<IpRange> ranges = same.stream().filter(p -> p.cidr != null)
                    .map(p -> IpRange.builder().cidrIp(p.cidr).description(p.description).build()).toList();
            List<UserIdGroupPair> pairs = same.stream().filter(p -> p.sourceGroupId != null)
                    .map(p -> UserIdGroupPair.builder().groupId(p.sourceGroupId).userId(account.accountId())
                            .description(p.description).build()).toList();
            out.add(IpPermission.builder().ipProtocol(first.protocol).fromPort(first.fromPort).toPort(first.toPort)
                    .ipRanges(ranges).userIdGroupPairs(pairs).build());
        }
        return out;
    }

    private software.amazon.awssdk.services.ec2.model.SecurityGroup view(SecurityGroup g) {
        return software.amazon.awssdk.services.ec2.model.SecurityGroup.builder().groupId(g.id).groupName(g.name)
                .description(g.description).vpcId(g.vpcId).ownerId(account.accountId())
                .ipPermissions(permissions(g.ingress)).ipPermissionsEgress(permissions(g.egress))
                .tags(Ec2Support.sdkTags(g.tags)).securityGroupArn(arn(g)).build();
    }

    private String arn(SecurityGroup g) {
        return "arn:aws:ec2:" + account.region() + ":" + account.accountId() + ":security-group/" + g.id;
    }
}
