package dev.gantry.aws.sim;

import dev.gantry.aws.sim.ElbState.ActionRec;
import dev.gantry.aws.sim.ElbState.ListenerRec;
import dev.gantry.aws.sim.ElbState.LoadBalancerRec;
import dev.gantry.aws.sim.ElbState.TargetGroupRec;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The simulated ELB's validation rules and lookups, with AWS's error codes and messages. */
final class ElbRules {
    static final String DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9-]+");
    private static final Set<String> SSL_POLICIES = Set.of("ELBSecurityPolicy-2016-08",
            "ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
            "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS-1-2-2017-01",
            "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "ELBSecurityPolicy-FS-1-2-Res-2020-10");

    private final ElbState elb;
    private final SimElb.Network network;
    private final BiFunction<String, String, RuntimeException> bad;
    private final Predicate<String> issued;

    /** {@code issued} says whether ACM has issued a certificate (ELB asks before a listener may use it). */
    ElbRules(ElbState elb, SimElb.Network network, Predicate<String> issued, BiFunction<String, String, RuntimeException> bad) {
        this.elb = elb;
        this.issued = issued;
        this.network = network;
        this.bad = bad;
    }

    private ElbState st() { return elb; }

    private RuntimeException bad(String code, String message) { return bad.apply(code, message); }

    void validateListener(ListenerRec l, LoadBalancerRec lb, String selfArn) {
        if (!Set.of("HTTP", "HTTPS").contains(l.protocol)) {
            throw bad("UnsupportedProtocol", "Protocol '" + l.protocol + "' is not supported by application load balancers");
        }
        if (l.port < 1 || l.port > 65535) throw bad("ValidationError", "Port must be between 1 and 65535");
        if (l.defaultActions.isEmpty()) throw bad("ValidationError", "A default action must be specified");
        if (l.protocol.equals("HTTPS")) {
            if (l.certificateArns.isEmpty()) throw bad("ValidationError", "A certificate must be specified for HTTPS listeners");
            if (l.sslPolicy == null) l.sslPolicy = DEFAULT_SSL_POLICY;
            if (!SSL_POLICIES.contains(l.sslPolicy)) throw bad("SSLPolicyNotFound", "SSL policy '" + l.sslPolicy + "' not found");
            for (String cert : l.certificateArns) checkCertificate(cert);
        } else {
            if (!l.certificateArns.isEmpty()) throw bad("ValidationError", "Certificates are only allowed on HTTPS listeners");
            if (l.sslPolicy != null) throw bad("ValidationError", "An SSL policy is only allowed on HTTPS listeners");
        }
        for (ActionRec a : l.defaultActions) {
            switch (a.type) {
                case "forward" -> {
                    TargetGroupRec tg = tg(a.targetGroupArn);
                    if (!tg.vpcId.equals(lb.vpcId)) {
                        throw bad("InvalidConfigurationRequest", "The VPC ID '" + tg.vpcId + "' of target group '" + tg.arn
                                + "' does not match the VPC ID '" + lb.vpcId + "' of load balancer '" + lb.arn + "'");
                    }
                    checkOneLoadBalancer(tg, lb, selfArn);
                }
                case "redirect" -> {
                    if (a.redirectStatusCode == null || !Set.of("HTTP_301", "HTTP_302").contains(a.redirectStatusCode)) {
                        throw bad("ValidationError", "A redirect action needs a status code of HTTP_301 or HTTP_302");
                    }
                }
                case "fixed-response" -> { }
                default -> throw bad("InvalidLoadBalancerAction", "Action type '" + a.type + "' is not supported");
            }
        }
    }

    /** A target group serves one load balancer: no listener or rule of another may forward to it. */
    void checkOneLoadBalancer(TargetGroupRec tg, LoadBalancerRec lb, String selfArn) {
        for (String other : st().loadBalancersOfTargetGroup(tg.arn)) {
            if (!other.equals(lb.arn)) {
                throw bad("TargetGroupAssociationLimit", "The following target groups cannot be associated with more than one load balancer: " + tg.arn);
            }
        }
    }

    /** ELB accepts only certificates ACM has ISSUED (a pending one is "not found" to it). */
    void checkCertificate(String arn) {
        if (arn == null || !(arn.startsWith("arn:aws:acm:") || arn.startsWith("arn:aws:iam:"))) {
            throw bad("UnsupportedCertificate", "The certificate '" + arn + "' must be an ACM or IAM server certificate ARN");
        }
        if (arn.startsWith("arn:aws:iam:")) throw bad("CertificateNotFound", "Certificate '" + arn + "' not found");
        if (!issued.test(arn)) {
            throw bad("CertificateNotFound", "Certificate '" + arn + "' not found");
        }
    }

    List<ActionRec> actions(List<Action> in) {
        List<ActionRec> out = new ArrayList<>();
        for (Action a : in) {
            ActionRec rec = new ActionRec();
            rec.type = a.typeAsString();
            rec.targetGroupArn = a.targetGroupArn();
            if (rec.targetGroupArn == null && a.forwardConfig() != null && a.forwardConfig().hasTargetGroups()
                    && a.forwardConfig().targetGroups().size() == 1) {
                rec.targetGroupArn = a.forwardConfig().targetGroups().get(0).targetGroupArn();
            }
            if ("forward".equals(rec.type) && rec.targetGroupArn == null) {
                throw bad("ValidationError", "A target group ARN must be specified for a forward action");
            }
            if (a.fixedResponseConfig() != null) rec.fixedStatusCode = a.fixedResponseConfig().statusCode();
            else if ("fixed-response".equals(rec.type)) {
                throw bad("ValidationError", "A fixed response configuration must be specified for a fixed-response action");
            }
            if (a.redirectConfig() != null) {
                rec.redirectProtocol = a.redirectConfig().protocol() == null ? "#{protocol}" : a.redirectConfig().protocol();
                rec.redirectPort = a.redirectConfig().port() == null ? "#{port}" : a.redirectConfig().port();
                rec.redirectStatusCode = a.redirectConfig().statusCodeAsString();
            } else if ("redirect".equals(rec.type)) {
                throw bad("ValidationError", "A redirect configuration must be specified for a redirect action");
            }
            out.add(rec);
        }
        return out;
    }

    void checkName(String what, String name) {
        if (name == null || name.isEmpty()) throw bad("ValidationError", what + " name is required");
        if (name.length() > 32) throw bad("ValidationError", what + " name '" + name + "' cannot be longer than '32' characters");
        if (!NAME.matcher(name).matches()) {
            throw bad("ValidationError", what + " name '" + name + "' can only contain characters that are alphanumeric characters or hyphens(-)");
        }
        if (name.startsWith("-") || name.endsWith("-")) throw bad("ValidationError", what + " name '" + name + "' cannot begin or end with a hyphen");
    }

    void checkPath(String path) {
        if (!path.startsWith("/") || path.length() > 1024) {
            throw bad("ValidationError", "Health check path '" + path + "' must begin with a '/' and be at most 1024 characters long");
        }
    }

    void checkRange(String what, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value);
            if (v >= min && v <= max) return;
        } catch (NumberFormatException ignored) { /* reported below */ }
        throw bad("ValidationError", what + " '" + value + "' must be an integer between " + min + " and " + max);
    }

    /** Subnet id → AZ; an ALB needs two or more subnets, each in its own AZ, all in one VPC. */
    Map<String, String> checkSubnets(List<String> subnets) {
        Map<String, String> azs = new LinkedHashMap<>();
        Set<String> vpcs = new HashSet<>();
        for (String s : subnets) {
            if (!network.subnetExists(s)) throw bad("SubnetNotFound", "The subnet ID '" + s + "' is not valid");
            azs.put(s, network.availabilityZoneOfSubnet(s));
            vpcs.add(network.vpcOfSubnet(s));
        }
        if (vpcs.size() > 1) throw bad("InvalidConfigurationRequest", "All subnets must belong to the same VPC");
        if (new HashSet<>(azs.values()).size() < azs.size()) {
            throw bad("InvalidConfigurationRequest", "A load balancer cannot be attached to multiple subnets in the same Availability Zone");
        }
        if (azs.size() < 2) {
            throw bad("InvalidConfigurationRequest", "At least two subnets in two different Availability Zones must be specified");
        }
        return azs;
    }

    void checkGroups(List<String> groups, String vpcId) {
        for (String g : groups) {
            if (!network.securityGroupExists(g)) throw bad("InvalidSecurityGroup", "Security group '" + g + "' does not exist");
        }
    }

    void checkIpTarget(TargetGroupRec tg, TargetDescription t) {
        if (tg.targetType.equals("ip") && !t.id().matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw bad("InvalidTarget", "The IP address '" + t.id() + "' is not a valid IPv4 address");
        }
    }

    LoadBalancerRec lb(String arn) {
        LoadBalancerRec lb = arn == null ? null : st().loadBalancers.get(arn);
        if (lb == null) throw bad("LoadBalancerNotFound", "One or more load balancers not found");
        return lb;
    }

    TargetGroupRec tg(String arn) {
        TargetGroupRec tg = arn == null ? null : st().targetGroups.get(arn);
        if (tg == null) throw bad("TargetGroupNotFound", "One or more target groups not found");
        return tg;
    }

    ListenerRec listener(String arn) {
        ListenerRec l = arn == null ? null : st().listeners.get(arn);
        if (l == null) throw bad("ListenerNotFound", "One or more listeners not found");
        return l;
    }

    Map<String, String> tagsFor(String arn) {
        Map<String, String> tags = st().tagsOf(arn);
        if (tags != null) return tags;
        if (arn.contains(":targetgroup/")) throw bad("TargetGroupNotFound", "Target groups '[" + arn + "]' not found");
        if (arn.contains(":listener/")) throw bad("ListenerNotFound", "One or more listeners not found");
        if (arn.contains(":listener-rule/")) throw bad("RuleNotFound", "One or more rules not found");
        throw bad("LoadBalancerNotFound", "Load balancers '[" + arn + "]' not found");
    }

    Map<String, String> tagsOf(List<Tag> tags) {
        Map<String, String> out = new TreeMap<>();
        for (Tag t : tags) {
            if (out.put(t.key(), t.value() == null ? "" : t.value()) != null) throw bad("DuplicateTagKeys", "Tag key '" + t.key() + "' is duplicated");
            if (t.key().startsWith("aws:")) throw bad("ValidationError", "Tag keys starting with 'aws:' are reserved for internal use");
        }
        if (out.size() > 50) throw bad("TooManyTags", "You've reached the limit on the number of tags for this resource");
        return out;
    }

}
