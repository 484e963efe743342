package dev.gantry.aws.sim;

import dev.gantry.aws.sim.Ec2Model.Eni;
import dev.gantry.aws.sim.Ec2Model.Permission;
import dev.gantry.aws.sim.Ec2Model.SecurityGroup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether a load balancer can open a connection to a target, as security groups decide it: one of
 * the target's groups must allow TCP on the target's port from one of the load balancer's groups,
 * or from an address range holding one of its nodes. Closing a task's port by hand (or too early,
 * during a port change) makes its health checks time out, as on AWS.
 */
final class SimTargetReach {
    private SimTargetReach() {}

    /** For the targets of one group; a target without a network interface here (an address registered by hand) is taken as reachable. */
    static Predicate<ElbState.TargetRec> of(SimWorld world, String targetGroupArn, Instant now) {
        return of(world.state.elb, world.state.ec2, targetGroupArn, now);
    }

    /** The same, from ELB's and EC2's state alone. */
    static Predicate<ElbState.TargetRec> of(ElbState elb, Ec2State ec2, String targetGroupArn, Instant now) {
        Set<String> lbGroups = new HashSet<>();
        List<Ipv4Cidr> lbNodes = new ArrayList<>();
        for (String lbArn : elb.loadBalancersOfTargetGroup(targetGroupArn)) {
            ElbState.LoadBalancerRec lb = elb.loadBalancers.get(lbArn);
            lbGroups.addAll(lb.securityGroups);
            for (String eniId : lb.enis.values()) {
                Eni e = ec2.enis.get(eniId);
                if (e != null && e.privateIp != null) lbNodes.add(Ipv4Cidr.parse(e.privateIp + "/32"));
            }
        }
        if (lbGroups.isEmpty()) return t -> true;
        // A target group's IP targets are addresses in its VPC (RegisterTargets); two VPCs with the
        // same CIDR (two stacks of one spec) hand out the same addresses, so look only in that VPC.
        ElbState.TargetGroupRec group = elb.targetGroups.get(targetGroupArn);
        String vpc = group == null ? null : group.vpcId;
        return t -> {
            Eni target = ec2.enis.values().stream()
                    .filter(e -> t.ip.equals(e.privateIp) && (vpc == null || vpc.equals(e.vpcId)) && ec2.eniLive(e, now))
                    .findFirst().orElse(null);
            if (target == null) return true;
            for (String groupId : target.groupIds) {
                SecurityGroup g = ec2.securityGroups.get(groupId);
                if (g == null) continue;
                for (Permission p : g.ingress) if (allows(p, t.port, lbGroups, lbNodes)) return true;
            }
            return false;
        };
    }

    private static boolean allows(Permission p, int port, Set<String> fromGroups, List<Ipv4Cidr> fromNodes) {
        boolean protocol = "-1".equals(p.protocol) || "tcp".equals(p.protocol);
        boolean ports = "-1".equals(p.protocol) || (p.fromPort != null && p.toPort != null && p.fromPort <= port && port <= p.toPort);
        if (!protocol || !ports) return false;
        if (p.sourceGroupId != null) return fromGroups.contains(p.sourceGroupId);
        Ipv4Cidr range = Ipv4Cidr.parse(p.cidr);
        return range != null && fromNodes.stream().anyMatch(range::contains);
    }
}
