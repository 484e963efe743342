package dev.gantry.aws.sim;

import dev.gantry.aws.sim.ElbState.ListenerRec;
import dev.gantry.aws.sim.ElbState.LoadBalancerRec;
import dev.gantry.aws.sim.ElbState.TargetGroupRec;
import dev.gantry.aws.sim.ElbState.TargetRec;
import dev.gantry.aws.sim.ElbViews.Page;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Simulated ElasticLoadBalancingV2 (application load balancers only): in memory, with AWS's rules,
 * error codes and asynchronous provisioning computed from the clock.
 */
public final class SimElb implements ElasticLoadBalancingV2Client {
    private static final Map<String, String> LB_ATTRIBUTE_DEFAULTS = Map.of(
            "idle_timeout.timeout_seconds", "60", "deletion_protection.enabled", "false",
            "routing.http2.enabled", "true", "access_logs.s3.enabled", "false");
    private static final Map<String, String> TG_ATTRIBUTE_DEFAULTS = Map.of(
            "deregistration_delay.timeout_seconds", "300", "stickiness.enabled", "false",
            "stickiness.type", "lb_cookie", "load_balancing.algorithm.type", "round_robin",
            "slow_start.duration_seconds", "0");

    /**
     * The EC2 facts the load balancer needs (subnets, groups, its nodes' interfaces), behind an
     * interface so tests can run before the simulated EC2 is complete.
     */
    interface Network {
        boolean vpcExists(String vpcId);
        boolean subnetExists(String subnetId);
        String availabilityZoneOfSubnet(String subnetId);
        String vpcOfSubnet(String subnetId);
        boolean securityGroupExists(String groupId);
        String createEni(String subnetId, List<String> groupIds, String description);
        void releaseEni(String eniId, Instant at);

        static Network of(SimWorld world) {
            return new Network() {
                private Ec2State ec2() { return world.state.ec2; }
                @Override public boolean vpcExists(String vpcId) { return ec2().vpcExists(vpcId); }
                @Override public boolean subnetExists(String id) { return ec2().subnetExists(id); }
                @Override public String availabilityZoneOfSubnet(String id) { return ec2().availabilityZoneOfSubnet(id); }
                @Override public String vpcOfSubnet(String id) { return ec2().vpcOfSubnet(id); }
                @Override public boolean securityGroupExists(String id) { return ec2().securityGroupExists(id); }
                @Override public String createEni(String subnetId, List<String> groups, String description) {
                    return Ec2Interfaces.of(world).createEni(subnetId, groups, description);
                }
                @Override public void releaseEni(String eniId, Instant at) { Ec2Interfaces.of(world).releaseEni(eniId, at); }
            };
        }
    }

    private final SimWorld world;
    private final Network network;
    private final ElbRules rules;

    public SimElb(SimWorld world) { this(world, Network.of(world)); }

    SimElb(SimWorld world, Network network) {
        this.world = world;
        this.network = network;
        this.rules = new ElbRules(world.state.elb, network, arn -> "ISSUED".equals(AcmCertificates.of(world).status(arn)), this::bad);
    }

    private ElbState st() { return world.state.elb; }

    private RuntimeException err(int status, String code, String message) {
        AwsServiceException.Builder b = switch (code) {
            case "DuplicateLoadBalancerName" -> DuplicateLoadBalancerNameException.builder();
            case "DuplicateTargetGroupName" -> DuplicateTargetGroupNameException.builder();
            case "DuplicateListener" -> DuplicateListenerException.builder();
            case "LoadBalancerNotFound" -> LoadBalancerNotFoundException.builder();
            case "TargetGroupNotFound" -> TargetGroupNotFoundException.builder();
            case "ListenerNotFound" -> ListenerNotFoundException.builder();
            case "ResourceInUse" -> ResourceInUseException.builder();
            case "InvalidConfigurationRequest" -> InvalidConfigurationRequestException.builder();
            case "CertificateNotFound" -> CertificateNotFoundException.builder();
            case "SubnetNotFound" -> SubnetNotFoundException.builder();
            case "InvalidSecurityGroup" -> InvalidSecurityGroupException.builder();
            case "InvalidTarget" -> InvalidTargetException.builder();
            case "SSLPolicyNotFound" -> SslPolicyNotFoundException.builder();
            case "TargetGroupAssociationLimit" -> TargetGroupAssociationLimitException.builder();
            case "OperationNotPermitted" -> OperationNotPermittedException.builder();
            case "DuplicateTagKeys" -> DuplicateTagKeysException.builder();
            case "UnsupportedProtocol" -> UnsupportedProtocolException.builder();
            case "InvalidLoadBalancerAction" -> InvalidLoadBalancerActionException.builder();
            case "InvalidSubnet" -> InvalidSubnetException.builder();
            case "TooManyTags" -> TooManyTagsException.builder();
            case "PriorityInUse" -> PriorityInUseException.builder();
            case "RuleNotFound" -> RuleNotFoundException.builder();
            case "TooManyRules" -> TooManyRulesException.builder();
            default -> ElasticLoadBalancingV2Exception.builder();
        };
        return SimErrors.error(b, "ElasticLoadBalancingV2", status, code, message);
    }

    private RuntimeException bad(String code, String message) { return err(400, code, message); }

    // ---------------------------------------------------------------- load balancers

    @Override
    public CreateLoadBalancerResponse createLoadBalancer(CreateLoadBalancerRequest r) {
        return world.mutate("elasticloadbalancing:CreateLoadBalancer", this::err, () -> {
            rules.checkName("Load balancer", r.name());
            if (r.name().startsWith("internal-")) throw bad("ValidationError", "Load balancer name cannot begin with 'internal-'");
            String type = r.typeAsString() == null ? "application" : r.typeAsString();
            if (!type.equals("application")) throw bad("ValidationError", "The simulated AWS supports application load balancers only");
            String scheme = r.schemeAsString() == null ? "internet-facing" : r.schemeAsString();
            List<String> subnets = new ArrayList<>(r.subnets());
            if (subnets.isEmpty()) r.subnetMappings().forEach(m -> subnets.add(m.subnetId()));
            List<String> groups = new ArrayList<>(r.securityGroups());
            for (LoadBalancerRec existing : st().loadBalancers.values()) {
                if (!existing.name.equals(r.name())) continue;
                // CreateLoadBalancer is idempotent on the name when the settings match.
                if (new HashSet<>(existing.subnets).equals(new HashSet<>(subnets)) && existing.scheme.equals(scheme)
                        && (groups.isEmpty() || new HashSet<>(existing.securityGroups).equals(new HashSet<>(groups)))) {
                    return CreateLoadBalancerResponse.builder().loadBalancers(ElbViews.loadBalancer(existing, world.now())).build();
                }
                throw bad("DuplicateLoadBalancerName", "A load balancer with the same name '" + r.name() + "' exists, but with different settings");
            }
            Map<String, String> azs = rules.checkSubnets(subnets);
            String vpcId = network.vpcOfSubnet(subnets.get(0));
            rules.checkGroups(groups, vpcId);
            Map<String, String> tags = rules.tagsOf(r.tags());

            LoadBalancerRec lb = new LoadBalancerRec();
            String id = hex16();
            lb.arn = arnPrefix() + "loadbalancer/app/" + r.name() + "/" + id;
            lb.name = r.name();
            lb.dnsName = (scheme.equals("internal") ? "internal-" : "") + r.name() + "-" + digits10() + "." + world.region() + ".elb.amazonaws.com";
            lb.scheme = scheme;
            lb.type = type;
            lb.ipAddressType = r.ipAddressTypeAsString() == null ? "ipv4" : r.ipAddressTypeAsString();
            lb.vpcId = vpcId;
            lb.subnets = subnets;
            lb.subnetAzs = new TreeMap<>(azs);
            lb.securityGroups = groups;
            lb.createdAtMillis = world.now().toEpochMilli();
            lb.activeAtMillis = world.now().plus(world.latency.loadBalancer()).toEpochMilli();
            lb.attributes = new TreeMap<>(LB_ATTRIBUTE_DEFAULTS);
            lb.tags = new TreeMap<>(tags);
            for (String s : subnets) lb.enis.put(s, network.createEni(s, groups, eniDescription(lb)));
            st().loadBalancers.put(lb.arn, lb);
            return CreateLoadBalancerResponse.builder().loadBalancers(ElbViews.loadBalancer(lb, world.now())).build();
        });
    }

    @Override
    public DescribeLoadBalancersResponse describeLoadBalancers(DescribeLoadBalancersRequest r) {
        return world.read("elasticloadbalancing:DescribeLoadBalancers", this::err, () -> {
            List<LoadBalancerRec> found = new ArrayList<>();
            if (r.hasLoadBalancerArns() && !r.loadBalancerArns().isEmpty()) {
                for (String arn : r.loadBalancerArns()) found.add(rules.lb(arn));
            } else if (r.hasNames() && !r.names().isEmpty()) {
                for (String n : r.names()) {
                    found.add(st().loadBalancers.values().stream().filter(l -> l.name.equals(n)).findFirst()
                            .orElseThrow(() -> bad("LoadBalancerNotFound", "Load balancers '[" + n + "]' not found")));
                }
            } else {
                found.addAll(st().loadBalancers.values());
            }
            Page<LoadBalancerRec> page = Page.of(found, r.marker(), r.pageSize(), 400, this::bad);
            return DescribeLoadBalancersResponse.builder()
                    .loadBalancers(page.items().stream().map(l -> ElbViews.loadBalancer(l, world.now())).toList())
                    .nextMarker(page.nextMarker()).build();
        });
    }

    @Override
    public DescribeLoadBalancersResponse describeLoadBalancers() {
        return describeLoadBalancers(DescribeLoadBalancersRequest.builder().build());
    }

    @Override
    public DescribeLoadBalancerAttributesResponse describeLoadBalancerAttributes(DescribeLoadBalancerAttributesRequest r) {
        return world.read("elasticloadbalancing:DescribeLoadBalancerAttributes", this::err, () ->
                DescribeLoadBalancerAttributesResponse.builder().attributes(rules.lb(r.loadBalancerArn()).attributes.entrySet().stream()
                        .map(e -> LoadBalancerAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build());
    }

    @Override
    public ModifyLoadBalancerAttributesResponse modifyLoadBalancerAttributes(ModifyLoadBalancerAttributesRequest r) {
        return world.mutate("elasticloadbalancing:ModifyLoadBalancerAttributes", this::err, () -> {
            LoadBalancerRec lb = rules.lb(r.loadBalancerArn());
            Map<String, String> next = new TreeMap<>(lb.attributes);
            for (LoadBalancerAttribute a : r.attributes()) {
                if (!LB_ATTRIBUTE_DEFAULTS.containsKey(a.key())) {
                    throw bad("InvalidConfigurationRequest", "Load balancer attribute key '" + a.key() + "' is not recognized");
                }
                if (a.key().equals("idle_timeout.timeout_seconds")) rules.checkRange("Idle timeout", a.value(), 1, 4000);
                if (a.key().endsWith(".enabled") && !a.value().equals("true") && !a.value().equals("false")) {
                    throw bad("ValidationError", "Load balancer attribute '" + a.key() + "' must be 'true' or 'false'");
                }
                next.put(a.key(), a.value());
            }
            lb.attributes = next;
            return ModifyLoadBalancerAttributesResponse.builder().attributes(next.entrySet().stream()
                    .map(e -> LoadBalancerAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
        });
    }

    @Override
    public SetSubnetsResponse setSubnets(SetSubnetsRequest r) {
        return world.mutate("elasticloadbalancing:SetSubnets", this::err, () -> {
            LoadBalancerRec lb = rules.lb(r.loadBalancerArn());
            List<String> subnets = new ArrayList<>(r.subnets());
            if (subnets.isEmpty()) r.subnetMappings().forEach(m -> subnets.add(m.subnetId()));
            Map<String, String> azs = rules.checkSubnets(subnets);
            for (String s : subnets) {
                if (!lb.vpcId.equals(network.vpcOfSubnet(s))) {
                    throw bad("InvalidSubnet", "Subnet '" + s + "' is not in the load balancer's VPC '" + lb.vpcId + "'");
                }
            }
            Instant releaseAt = world.now().plus(world.latency.loadBalancerDelete());
            for (String old : List.copyOf(lb.enis.keySet())) {
                if (!subnets.contains(old)) network.releaseEni(lb.enis.remove(old), releaseAt);
            }
            for (String s : subnets) {
                if (!lb.enis.containsKey(s)) lb.enis.put(s, network.createEni(s, lb.securityGroups, eniDescription(lb)));
            }
            lb.subnets = subnets;
            lb.subnetAzs = new TreeMap<>(azs);
            return SetSubnetsResponse.builder().availabilityZones(ElbViews.zones(lb)).ipAddressType(lb.ipAddressType).build();
        });
    }

    @Override
    public SetSecurityGroupsResponse setSecurityGroups(SetSecurityGroupsRequest r) {
        return world.mutate("elasticloadbalancing:SetSecurityGroups", this::err, () -> {
            LoadBalancerRec lb = rules.lb(r.loadBalancerArn());
            List<String> groups = new ArrayList<>(r.securityGroups());
            rules.checkGroups(groups, lb.vpcId);
            lb.securityGroups = groups;
            return SetSecurityGroupsResponse.builder().securityGroupIds(groups).build();
        });
    }

    @Override
    public DeleteLoadBalancerResponse deleteLoadBalancer(DeleteLoadBalancerRequest r) {
        return world.mutate("elasticloadbalancing:DeleteLoadBalancer", this::err, () -> {
            LoadBalancerRec lb = st().loadBalancers.get(r.loadBalancerArn());
            if (lb == null) {
                // AWS: deleting a load balancer that does not exist (any more) succeeds.
                if (!r.loadBalancerArn().startsWith("arn:aws:elasticloadbalancing:")) {
                    throw bad("ValidationError", "'" + r.loadBalancerArn() + "' is not a valid load balancer ARN");
                }
                return DeleteLoadBalancerResponse.builder().build();
            }
            if ("true".equals(lb.attributes.get("deletion_protection.enabled"))) {
                throw bad("OperationNotPermitted", "Load balancer '" + lb.arn + "' cannot be deleted because deletion protection is enabled");
            }
            st().rules.values().removeIf(rule -> st().listeners.containsKey(rule.listenerArn)
                    && st().listeners.get(rule.listenerArn).loadBalancerArn.equals(lb.arn));
            st().listeners.values().removeIf(l -> l.loadBalancerArn.equals(lb.arn));
            // The nodes' interfaces outlive the load balancer a little: subnets and groups stay in use meanwhile.
            Instant releaseAt = world.now().plus(world.latency.loadBalancerDelete());
            lb.enis.values().forEach(eni -> network.releaseEni(eni, releaseAt));
            st().loadBalancers.remove(lb.arn);
            return DeleteLoadBalancerResponse.builder().build();
        });
    }

    // ---------------------------------------------------------------- target groups

    @Override
    public CreateTargetGroupResponse createTargetGroup(CreateTargetGroupRequest r) {
        return world.mutate("elasticloadbalancing:CreateTargetGroup", this::err, () -> {
            rules.checkName("Target group", r.name());
            String targetType = r.targetTypeAsString() == null ? "instance" : r.targetTypeAsString();
            if (!Set.of("instance", "ip", "lambda", "alb").contains(targetType)) {
                throw bad("ValidationError", "Target type '" + targetType + "' is not valid");
            }
            String protocol = r.protocolAsString();
            if (!targetType.equals("lambda")) {
                if (protocol == null || r.port() == null || r.vpcId() == null) {
                    throw bad("ValidationError", "A protocol, port and VPC ID are required for target groups of type '" + targetType + "'");
                }
                if (!Set.of("HTTP", "HTTPS").contains(protocol)) {
                    throw bad("ValidationError", "Protocol '" + protocol + "' is not supported for application load balancer target groups");
                }
                if (r.port() < 1 || r.port() > 65535) throw bad("ValidationError", "Port must be between 1 and 65535");
                if (!network.vpcExists(r.vpcId())) throw bad("ValidationError", "The VPC ID '" + r.vpcId() + "' is not found");
            }
            String path = r.healthCheckPath() == null ? "/" : r.healthCheckPath();
            rules.checkPath(path);
            for (TargetGroupRec existing : st().targetGroups.values()) {
                if (!existing.name.equals(r.name())) continue;
                if (existing.targetType.equals(targetType) && existing.protocol.equals(protocol)
                        && existing.port == r.port() && existing.vpcId.equals(r.vpcId()) && existing.healthCheckPath.equals(path)) {
                    return CreateTargetGroupResponse.builder().targetGroups(ElbViews.targetGroup(existing, st())).build();
                }
                throw bad("DuplicateTargetGroupName", "A target group with the same name '" + r.name() + "' exists, but with different settings");
            }
            TargetGroupRec tg = new TargetGroupRec();
            tg.arn = arnPrefix() + "targetgroup/" + r.name() + "/" + hex16();
            tg.name = r.name();
            tg.protocol = protocol;
            tg.port = r.port() == null ? 0 : r.port();
            tg.vpcId = r.vpcId();
            tg.targetType = targetType;
            tg.healthCheckProtocol = r.healthCheckProtocolAsString() == null ? protocol : r.healthCheckProtocolAsString();
            tg.healthCheckPath = path;
            if (r.healthCheckIntervalSeconds() != null) tg.healthCheckIntervalSeconds = r.healthCheckIntervalSeconds();
            if (r.healthCheckTimeoutSeconds() != null) tg.healthCheckTimeoutSeconds = r.healthCheckTimeoutSeconds();
            if (r.healthyThresholdCount() != null) tg.healthyThresholdCount = r.healthyThresholdCount();
            if (r.unhealthyThresholdCount() != null) tg.unhealthyThresholdCount = r.unhealthyThresholdCount();
            if (r.matcher() != null && r.matcher().httpCode() != null) tg.matcher = r.matcher().httpCode();
            tg.attributes = new TreeMap<>(TG_ATTRIBUTE_DEFAULTS);
            tg.tags = new TreeMap<>(rules.tagsOf(r.tags()));
            st().targetGroups.put(tg.arn, tg);
            return CreateTargetGroupResponse.builder().targetGroups(ElbViews.targetGroup(tg, st())).build();
        });
    }

    @Override
    public ModifyTargetGroupResponse modifyTargetGroup(ModifyTargetGroupRequest r) {
        return world.mutate("elasticloadbalancing:ModifyTargetGroup", this::err, () -> {
            TargetGroupRec tg = rules.tg(r.targetGroupArn());
            if (r.healthCheckPath() != null) {
                rules.checkPath(r.healthCheckPath());
                tg.healthCheckPath = r.healthCheckPath();
            }
            if (r.healthCheckProtocolAsString() != null) tg.healthCheckProtocol = r.healthCheckProtocolAsString();
            if (r.healthCheckIntervalSeconds() != null) tg.healthCheckIntervalSeconds = r.healthCheckIntervalSeconds();
            if (r.healthCheckTimeoutSeconds() != null) tg.healthCheckTimeoutSeconds = r.healthCheckTimeoutSeconds();
            if (r.healthyThresholdCount() != null) tg.healthyThresholdCount = r.healthyThresholdCount();
            if (r.unhealthyThresholdCount() != null) tg.unhealthyThresholdCount = r.unhealthyThresholdCount();
            if (r.matcher() != null && r.matcher().httpCode() != null) tg.matcher = r.matcher().httpCode();
            return ModifyTargetGroupResponse.builder().targetGroups(ElbViews.targetGroup(tg, st())).build();
        });
    }

    @Override
    public DescribeTargetGroupAttributesResponse describeTargetGroupAttributes(DescribeTargetGroupAttributesRequest r) {
        return world.read("elasticloadbalancing:DescribeTargetGroupAttributes", this::err, () ->
                DescribeTargetGroupAttributesResponse.builder().attributes(rules.tg(r.targetGroupArn()).attributes.entrySet().stream()
                        .map(e -> TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build());
    }

    @Override
    public ModifyTargetGroupAttributesResponse modifyTargetGroupAttributes(ModifyTargetGroupAttributesRequest r) {
        return world.mutate("elasticloadbalancing:ModifyTargetGroupAttributes", this::err, () -> {
            TargetGroupRec tg = rules.tg(r.targetGroupArn());
            Map<String, String> next = new TreeMap<>(tg.attributes);
            for (TargetGroupAttribute a : r.attributes()) {
                if (!TG_ATTRIBUTE_DEFAULTS.containsKey(a.key())) {
                    throw bad("InvalidConfigurationRequest", "Target group attribute key '" + a.key() + "' is not recognized");
                }
                if (a.key().equals("deregistration_delay.timeout_seconds")) rules.checkRange("Deregistration delay", a.value(), 0, 3600);
                next.put(a.key(), a.value());
            }
            tg.attributes = next;
            return ModifyTargetGroupAttributesResponse.builder().attributes(next.entrySet().stream()
                    .map(e -> TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
        });
    }

    @Override
    public DescribeTargetGroupsResponse describeTargetGroups(DescribeTargetGroupsRequest r) {
        return world.read("elasticloadbalancing:DescribeTargetGroups", this::err, () -> {
            List<TargetGroupRec> found = new ArrayList<>();
            if (r.loadBalancerArn() != null) {
                rules.lb(r.loadBalancerArn());
                for (TargetGroupRec tg : st().targetGroups.values()) {
                    if (st().loadBalancersOfTargetGroup(tg.arn).contains(r.loadBalancerArn())) found.add(tg);
                }
            } else if (r.hasTargetGroupArns() && !r.targetGroupArns().isEmpty()) {
                for (String arn : r.targetGroupArns()) found.add(rules.tg(arn));
            } else if (r.hasNames() && !r.names().isEmpty()) {
                for (String n : r.names()) {
                    found.add(st().targetGroups.values().stream().filter(t -> t.name.equals(n)).findFirst()
                            .orElseThrow(() -> bad("TargetGroupNotFound", "Target groups '[" + n + "]' not found")));
                }
            } else {
                found.addAll(st().targetGroups.values());
            }
            Page<TargetGroupRec> page = Page.of(found, r.marker(), r.pageSize(), 400, this::bad);
            return DescribeTargetGroupsResponse.builder()
                    .targetGroups(page.items().stream().map(t -> ElbViews.targetGroup(t, st())).toList())
                    .nextMarker(page.nextMarker()).build();
        });
    }

    @Override
    public DescribeTargetGroupsResponse describeTargetGroups() {
        return describeTargetGroups(DescribeTargetGroupsRequest.builder().build());
    }

    @Override
    public DeleteTargetGroupResponse deleteTargetGroup(DeleteTargetGroupRequest r) {
        return world.mutate("elasticloadbalancing:DeleteTargetGroup", this::err, () -> {
            TargetGroupRec tg = st().targetGroups.get(r.targetGroupArn());
            if (tg == null) return DeleteTargetGroupResponse.builder().build();
            if (st().targetGroupHasLoadBalancer(tg.arn)) {
                throw bad("ResourceInUse", "Target group '" + tg.arn + "' is currently in use by a listener or a rule");
            }
            st().targetGroups.remove(tg.arn);
            return DeleteTargetGroupResponse.builder().build();
        });
    }

    @Override
    public RegisterTargetsResponse registerTargets(RegisterTargetsRequest r) {
        return world.mutate("elasticloadbalancing:RegisterTargets", this::err, () -> {
            TargetGroupRec tg = rules.tg(r.targetGroupArn());
            Instant decided = ElbTargets.of(world).firstVerdictAt(tg.arn, world.now(), true);
            for (TargetDescription t : r.targets()) {
                rules.checkIpTarget(tg, t);
                ElbTargets.of(world).registerTarget(tg.arn, t.id(), t.port() == null ? tg.port : t.port(), decided, true);
            }
            return RegisterTargetsResponse.builder().build();
        });
    }

    @Override
    public DeregisterTargetsResponse deregisterTargets(DeregisterTargetsRequest r) {
        return world.mutate("elasticloadbalancing:DeregisterTargets", this::err, () -> {
            TargetGroupRec tg = rules.tg(r.targetGroupArn());
            long delay = st().deregistrationDelay(tg.arn).toSeconds();
            for (TargetDescription t : r.targets()) {
                int port = t.port() == null ? tg.port : t.port();
                TargetRec rec = tg.targets.get(t.id() + ":" + port);
                if (rec == null) {
                    throw bad("InvalidTarget", "The following targets are not registered in target group '" + tg.arn + "': 'Id: " + t.id() + ", Port: " + port + "'");
                }
                if (rec.goneAtMillis == 0) rec.goneAtMillis = world.now().plusSeconds(delay).toEpochMilli();
            }
            return DeregisterTargetsResponse.builder().build();
        });
    }

    @Override
    public DescribeTargetHealthResponse describeTargetHealth(DescribeTargetHealthRequest r) {
        return world.read("elasticloadbalancing:DescribeTargetHealth", this::err, () -> {
            TargetGroupRec tg = rules.tg(r.targetGroupArn());
            Instant now = world.now();
            boolean inUse = st().targetGroupHasLoadBalancer(tg.arn);
            boolean registering = inUse && st().loadBalancersOfTargetGroup(tg.arn).stream().noneMatch(a -> ElbState.active(st().loadBalancers.get(a), now));
            var reachable = SimTargetReach.of(world, tg.arn, now);
            List<TargetHealthDescription> out = new ArrayList<>();
            if (r.hasTargets() && !r.targets().isEmpty()) {
                for (TargetDescription t : r.targets()) {
                    int port = t.port() == null ? tg.port : t.port();
                    TargetRec rec = tg.targets.get(t.id() + ":" + port);
                    String state = rec == null ? null : ElbState.stateOf(rec, now, reachable);
                    out.add(ElbViews.health(t.id(), port, state, inUse, registering, tg));
                }
            } else {
                for (TargetRec rec : tg.targets.values()) {
                    String state = ElbState.stateOf(rec, now, reachable);
                    if (state != null) out.add(ElbViews.health(rec.ip, rec.port, state, inUse, registering, tg));
                }
            }
            return DescribeTargetHealthResponse.builder().targetHealthDescriptions(out).build();
        });
    }

    // ---------------------------------------------------------------- listeners

    @Override
    public CreateListenerResponse createListener(CreateListenerRequest r) {
        return world.mutate("elasticloadbalancing:CreateListener", this::err, () -> {
            LoadBalancerRec lb = rules.lb(r.loadBalancerArn());
            ListenerRec candidate = new ListenerRec();
            candidate.loadBalancerArn = lb.arn;
            candidate.protocol = r.protocolAsString() == null ? "HTTP" : r.protocolAsString();
            candidate.port = r.port() == null ? ("HTTPS".equals(candidate.protocol) ? 443 : 80) : r.port();
            candidate.sslPolicy = r.sslPolicy();
            candidate.certificateArns = r.certificates().stream().map(Certificate::certificateArn).toList();
            candidate.defaultActions = rules.actions(r.defaultActions());
            rules.validateListener(candidate, lb, null);
            for (ListenerRec l : st().listeners.values()) {
                if (!l.loadBalancerArn.equals(lb.arn) || l.port != candidate.port) continue;
                if (ElbViews.sameListener(l, candidate)) {
                    return CreateListenerResponse.builder().listeners(ElbViews.listener(l)).build();
                }
                throw bad("DuplicateListener", "A listener already exists on this port for this load balancer '" + lb.arn + "'");
            }
            candidate.arn = arnPrefix() + "listener/app/" + lb.name + "/" + lb.arn.substring(lb.arn.lastIndexOf('/') + 1) + "/" + hex16();
            candidate.tags = new TreeMap<>(rules.tagsOf(r.tags()));
            st().listeners.put(candidate.arn, candidate);
            return CreateListenerResponse.builder().listeners(ElbViews.listener(candidate)).build();
        });
    }

    @Override
    public ModifyListenerResponse modifyListener(ModifyListenerRequest r) {
        return world.mutate("elasticloadbalancing:ModifyListener", this::err, () -> {
            ListenerRec l = rules.listener(r.listenerArn());
            LoadBalancerRec lb = rules.lb(l.loadBalancerArn);
            ListenerRec next = new ListenerRec();
            next.arn = l.arn;
            next.loadBalancerArn = l.loadBalancerArn;
            next.tags = l.tags;
            next.protocol = r.protocolAsString() == null ? l.protocol : r.protocolAsString();
            next.port = r.port() == null ? l.port : r.port();
            next.sslPolicy = r.sslPolicy() == null ? (next.protocol.equals("HTTPS") ? l.sslPolicy : null) : r.sslPolicy();
            next.certificateArns = r.hasCertificates() ? r.certificates().stream().map(Certificate::certificateArn).toList()
                    : (next.protocol.equals("HTTPS") ? l.certificateArns : List.of());
            next.defaultActions = r.hasDefaultActions() ? rules.actions(r.defaultActions()) : l.defaultActions;
            rules.validateListener(next, lb, l.arn);
            for (ListenerRec other : st().listeners.values()) {
                if (!other.arn.equals(l.arn) && other.loadBalancerArn.equals(lb.arn) && other.port == next.port) {
                    throw bad("DuplicateListener", "A listener already exists on this port for this load balancer '" + lb.arn + "'");
                }
            }
            st().listeners.put(l.arn, next);
            return ModifyListenerResponse.builder().listeners(ElbViews.listener(next)).build();
        });
    }

    @Override
    public DescribeListenersResponse describeListeners(DescribeListenersRequest r) {
        return world.read("elasticloadbalancing:DescribeListeners", this::err, () -> {
            List<ListenerRec> found = new ArrayList<>();
            if (r.hasListenerArns() && !r.listenerArns().isEmpty()) {
                for (String arn : r.listenerArns()) found.add(rules.listener(arn));
            } else if (r.loadBalancerArn() != null) {
                rules.lb(r.loadBalancerArn());
                st().listeners.values().stream().filter(l -> l.loadBalancerArn.equals(r.loadBalancerArn())).forEach(found::add);
            } else {
                throw bad("ValidationError", "You must specify either listener ARNs or a load balancer ARN");
            }
            Page<ListenerRec> page = Page.of(found, r.marker(), r.pageSize(), 400, this::bad);
            return DescribeListenersResponse.builder().listeners(page.items().stream().map(ElbViews::listener).toList())
                    .nextMarker(page.nextMarker()).build();
        });
    }

    @Override
    public DeleteListenerResponse deleteListener(DeleteListenerRequest r) {
        return world.mutate("elasticloadbalancing:DeleteListener", this::err, () -> {
            rules.listener(r.listenerArn());
            st().listeners.remove(r.listenerArn());
            // A listener's rules go with it.
            st().rules.values().removeIf(rule -> rule.listenerArn.equals(r.listenerArn()));
            return DeleteListenerResponse.builder().build();
        });
    }

    // ---------------------------------------------------------------- listener rules
    // CreateRule, ModifyRule, SetRulePriorities, DeleteRule, DescribeRules (ELBv2 API reference):
    // priorities 1-50000, unique per listener (PriorityInUse); at most 5 condition values per rule;
    // at most 100 rules per load balancer, not counting default rules (Quotas for your Application
    // Load Balancers); a rule's forward target group serves this load balancer only.

    /** ALB's rules per load balancer, default rules not counted. */
    static final int RULES_PER_LOAD_BALANCER = 100;
    static final int CONDITION_VALUES_PER_RULE = 5;

    @Override
    public CreateRuleResponse createRule(CreateRuleRequest r) {
        return world.mutate("elasticloadbalancing:CreateRule", this::err, () -> {
            ListenerRec l = rules.listener(r.listenerArn());
            LoadBalancerRec lb = rules.lb(l.loadBalancerArn);
            ElbState.RuleRec rule = new ElbState.RuleRec();
            rule.listenerArn = l.arn;
            rule.priority = priority(r.priority());
            rule.conditions = conditions(r.conditions());
            rule.actions = ruleActions(r.actions(), lb);
            for (ElbState.RuleRec other : st().rulesOf(l.arn)) {
                if (other.priority == rule.priority) throw bad("PriorityInUse", "Priority '" + rule.priority + "' is currently in use");
            }
            long onLb = st().rules.values().stream().filter(x -> lb.arn.equals(st().listeners.get(x.listenerArn).loadBalancerArn)).count();
            if (onLb >= RULES_PER_LOAD_BALANCER) throw bad("TooManyRules", "You've reached the limit on the number of rules per load balancer");
            rule.arn = arnPrefix() + "listener-rule/app/" + lb.name + "/" + lb.arn.substring(lb.arn.lastIndexOf('/') + 1) + "/"
                    + l.arn.substring(l.arn.lastIndexOf('/') + 1) + "/" + hex16();
            rule.tags = new TreeMap<>(rules.tagsOf(r.tags()));
            st().rules.put(rule.arn, rule);
            return CreateRuleResponse.builder().rules(ElbViews.rule(rule)).build();
        });
    }

    @Override
    public ModifyRuleResponse modifyRule(ModifyRuleRequest r) {
        return world.mutate("elasticloadbalancing:ModifyRule", this::err, () -> {
            ElbState.RuleRec rule = rule(r.ruleArn());
            LoadBalancerRec lb = rules.lb(st().listeners.get(rule.listenerArn).loadBalancerArn);
            List<ElbState.ConditionRec> conditions = r.hasConditions() ? conditions(r.conditions()) : rule.conditions;
            List<ElbState.ActionRec> actions = r.hasActions() ? ruleActions(r.actions(), lb) : rule.actions;
            rule.conditions = conditions;
            rule.actions = actions;
            return ModifyRuleResponse.builder().rules(ElbViews.rule(rule)).build();
        });
    }

    @Override
    public SetRulePrioritiesResponse setRulePriorities(SetRulePrioritiesRequest r) {
        return world.mutate("elasticloadbalancing:SetRulePriorities", this::err, () -> {
            Map<String, Integer> next = new java.util.LinkedHashMap<>();
            for (RulePriorityPair p : r.rulePriorities()) next.put(rule(p.ruleArn()).arn, priority(p.priority()));
            // All pairs apply at once: a priority may move from one rule of the request to another.
            for (String arn : next.keySet()) {
                ElbState.RuleRec rule = st().rules.get(arn);
                for (ElbState.RuleRec other : st().rulesOf(rule.listenerArn)) {
                    int theirs = next.getOrDefault(other.arn, other.priority);
                    if (!other.arn.equals(arn) && theirs == next.get(arn)) throw bad("PriorityInUse", "Priority '" + theirs + "' is currently in use");
                }
            }
            next.forEach((arn, priority) -> st().rules.get(arn).priority = priority);
            return SetRulePrioritiesResponse.builder().rules(next.keySet().stream().map(a -> ElbViews.rule(st().rules.get(a))).toList().toArray(new Rule[0])).build();
        });
    }

    @Override
    public DeleteRuleResponse deleteRule(DeleteRuleRequest r) {
        return world.mutate("elasticloadbalancing:DeleteRule", this::err, () -> {
            if (r.ruleArn() != null && r.ruleArn().contains(":listener/")) {
                throw bad("OperationNotPermitted", "Default rules cannot be deleted");
            }
            rule(r.ruleArn());
            st().rules.remove(r.ruleArn());
            return DeleteRuleResponse.builder().build();
        });
    }

    @Override
    public DescribeRulesResponse describeRules(DescribeRulesRequest r) {
        return world.read("elasticloadbalancing:DescribeRules", this::err, () -> {
            List<Rule> out = new ArrayList<>();
            if (r.hasRuleArns() && !r.ruleArns().isEmpty()) {
                for (String arn : r.ruleArns()) out.add(ElbViews.rule(rule(arn)));
            } else if (r.listenerArn() != null) {
                ListenerRec l = rules.listener(r.listenerArn());
                for (ElbState.RuleRec rule : st().rulesOf(l.arn)) out.add(ElbViews.rule(rule));
                out.add(ElbViews.defaultRule(l));
            } else {
                throw bad("ValidationError", "You must specify either listener rule ARNs or a listener ARN");
            }
            Page<Rule> page = Page.of(out, r.marker(), r.pageSize(), 400, this::bad);
            return DescribeRulesResponse.builder().rules(page.items()).nextMarker(page.nextMarker()).build();
        });
    }

    private ElbState.RuleRec rule(String arn) {
        ElbState.RuleRec rule = arn == null ? null : st().rules.get(arn);
        if (rule == null) throw bad("RuleNotFound", "One or more rules not found");
        return rule;
    }

    private int priority(Integer p) {
        if (p == null || p < 1 || p > 50000) {
            throw bad("ValidationError", "1 validation error detected: Value '" + p + "' at 'priority' failed to satisfy constraint: "
                    + "Member must have value between 1 and 50000");
        }
        return p;
    }

    private List<ElbState.ConditionRec> conditions(List<RuleCondition> in) {
        if (in.isEmpty()) throw bad("ValidationError", "A rule must have at least one condition");
        List<ElbState.ConditionRec> out = new ArrayList<>();
        Set<String> fields = new HashSet<>();
        int values = 0;
        for (RuleCondition c : in) {
            ElbState.ConditionRec rec = new ElbState.ConditionRec();
            rec.field = c.field();
            if ("host-header".equals(c.field())) {
                rec.values = new ArrayList<>(c.hostHeaderConfig() != null && c.hostHeaderConfig().hasValues() ? c.hostHeaderConfig().values() : c.values());
            } else if ("path-pattern".equals(c.field())) {
                rec.values = new ArrayList<>(c.pathPatternConfig() != null && c.pathPatternConfig().hasValues() ? c.pathPatternConfig().values() : c.values());
            } else {
                throw bad("ValidationError", "The simulated AWS supports host-header and path-pattern conditions only, got '" + c.field() + "'");
            }
            if (!fields.add(rec.field)) throw bad("ValidationError", "A rule can have only one '" + rec.field + "' condition");
            if (rec.values.isEmpty()) throw bad("ValidationError", "A '" + rec.field + "' condition must have at least one value");
            for (String v : rec.values) {
                if (v.length() > 128) throw bad("ValidationError", "A '" + rec.field + "' condition value can be at most 128 characters long");
            }
            values += rec.values.size();
            out.add(rec);
        }
        if (values > CONDITION_VALUES_PER_RULE) {
            throw bad("ValidationError", "A rule can only have '" + CONDITION_VALUES_PER_RULE + "' condition values");
        }
        return out;
    }

    private List<ElbState.ActionRec> ruleActions(List<Action> in, LoadBalancerRec lb) {
        if (in.isEmpty()) throw bad("ValidationError", "A rule must have at least one action");
        List<ElbState.ActionRec> actions = rules.actions(in);
        for (ElbState.ActionRec a : actions) {
            if (!"forward".equals(a.type)) continue;
            TargetGroupRec tg = rules.tg(a.targetGroupArn);
            if (!tg.vpcId.equals(lb.vpcId)) {
                throw bad("InvalidConfigurationRequest", "The VPC ID '" + tg.vpcId + "' of target group '" + tg.arn
                        + "' does not match the VPC ID '" + lb.vpcId + "' of load balancer '" + lb.arn + "'");
            }
            rules.checkOneLoadBalancer(tg, lb, null);
        }
        return actions;
    }

    // ---------------------------------------------------------------- tags

    @Override
    public DescribeTagsResponse describeTags(DescribeTagsRequest r) {
        return world.read("elasticloadbalancing:DescribeTags", this::err, () -> {
            if (r.resourceArns().size() > 20) {
                throw bad("ValidationError", "1 validation error detected: Value '" + r.resourceArns()
                        + "' at 'resourceArns' failed to satisfy constraint: Member must have length less than or equal to 20");
            }
            List<TagDescription> out = new ArrayList<>();
            for (String arn : r.resourceArns()) {
                out.add(TagDescription.builder().resourceArn(arn).tags(ElbViews.tags(rules.tagsFor(arn))).build());
            }
            return DescribeTagsResponse.builder().tagDescriptions(out).build();
        });
    }

    @Override
    public AddTagsResponse addTags(AddTagsRequest r) {
        return world.mutate("elasticloadbalancing:AddTags", this::err, () -> {
            Map<String, String> add = rules.tagsOf(r.tags());
            for (String arn : r.resourceArns()) {
                Map<String, String> tags = rules.tagsFor(arn);
                // ELBv2 AddTags, Errors: TooManyTags past 50; a malformed tag fails validation.
                TagRules.merged(tags, add, this::err, TagRules.ELB);
            }
            for (String arn : r.resourceArns()) rules.tagsFor(arn).putAll(add);
            return AddTagsResponse.builder().build();
        });
    }

    @Override
    public RemoveTagsResponse removeTags(RemoveTagsRequest r) {
        return world.mutate("elasticloadbalancing:RemoveTags", this::err, () -> {
            for (String arn : r.resourceArns()) rules.tagsFor(arn);
            for (String arn : r.resourceArns()) r.tagKeys().forEach(rules.tagsFor(arn)::remove);
            return RemoveTagsResponse.builder().build();
        });
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}

    private String eniDescription(LoadBalancerRec lb) {
        return "ELB app/" + lb.name + "/" + lb.arn.substring(lb.arn.lastIndexOf('/') + 1);
    }

    private String arnPrefix() { return "arn:aws:elasticloadbalancing:" + world.region() + ":" + world.accountId() + ":"; }

    private String hex16() { return world.newId("x").substring(2, 18); }

    private String digits10() {
        long n = Long.parseLong(world.newId("x").substring(2, 12), 16);
        return String.format("%010d", n % 10_000_000_000L);
    }
}
