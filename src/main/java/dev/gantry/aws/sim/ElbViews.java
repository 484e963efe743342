package dev.gantry.aws.sim;

import dev.gantry.aws.sim.ElbState.ActionRec;
import dev.gantry.aws.sim.ElbState.ListenerRec;
import dev.gantry.aws.sim.ElbState.LoadBalancerRec;
import dev.gantry.aws.sim.ElbState.TargetGroupRec;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HostHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PathPatternConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/** The simulated ELB's records as the SDK's response shapes. */
final class ElbViews {
    private ElbViews() {}

    /** ALB canonical hosted zone ids per region, as AWS publishes them (Route53 alias targets need them). */
    private static final Map<String, String> ALB_ZONES = Map.ofEntries(
            Map.entry("us-east-1", "Z35SXDOTRQ7X7K"), Map.entry("us-east-2", "Z3AADJGX6KTTL2"),
            Map.entry("us-west-1", "Z368ELLRRE2KJ0"), Map.entry("us-west-2", "Z1H1FL5HABSF5"),
            Map.entry("ca-central-1", "ZQSVJUPU6J1EY"), Map.entry("eu-west-1", "Z32O12XQLNTSW2"),
            Map.entry("eu-west-2", "ZHURV8PSTC4K8"), Map.entry("eu-west-3", "Z3Q77PNBQS71R4"),
            Map.entry("eu-central-1", "Z215JYRZR1TBD5"), Map.entry("eu-north-1", "Z23TAZ7KVH3M"),
            Map.entry("ap-south-1", "ZP97RAFLXTNZK"), Map.entry("ap-northeast-1", "Z14GRHDCWA56QT"),
            Map.entry("ap-northeast-2", "ZWKZPGTI48KDX"), Map.entry("ap-southeast-1", "Z1LMS91P8CMLE5"),
            Map.entry("ap-southeast-2", "Z1GM3OXH4ZPM65"), Map.entry("sa-east-1", "Z2P70J7HTTTPLU"));

    static boolean isLoadBalancerZone(String zoneId) { return ALB_ZONES.containsValue(zoneId); }

    static String canonicalHostedZoneId(String region) { return ALB_ZONES.getOrDefault(region, "Z35SXDOTRQ7X7K"); }

    static LoadBalancer loadBalancer(LoadBalancerRec lb, Instant now) {
        String region = lb.arn.split(":")[3];
        return LoadBalancer.builder()
                .loadBalancerArn(lb.arn).loadBalancerName(lb.name).dnsName(lb.dnsName)
                .canonicalHostedZoneId(canonicalHostedZoneId(region))
                .createdTime(Instant.ofEpochMilli(lb.createdAtMillis)).scheme(lb.scheme).type(lb.type)
                .vpcId(lb.vpcId).ipAddressType(lb.ipAddressType).securityGroups(lb.securityGroups)
                .availabilityZones(zones(lb))
                .state(LoadBalancerState.builder().code(ElbState.active(lb, now) ? "active" : "provisioning").build())
                .build();
    }

    static List<AvailabilityZone> zones(LoadBalancerRec lb) {
        return lb.subnets.stream().map(s -> AvailabilityZone.builder().subnetId(s).zoneName(lb.subnetAzs.get(s)).build()).toList();
    }

    static TargetGroup targetGroup(TargetGroupRec tg, ElbState st) {
        return TargetGroup.builder()
                .targetGroupArn(tg.arn).targetGroupName(tg.name).protocol(tg.protocol).port(tg.port).vpcId(tg.vpcId)
                .targetType(tg.targetType).healthCheckProtocol(tg.healthCheckProtocol).healthCheckPort("traffic-port")
                .healthCheckEnabled(true).healthCheckPath(tg.healthCheckPath)
                .healthCheckIntervalSeconds(tg.healthCheckIntervalSeconds).healthCheckTimeoutSeconds(tg.healthCheckTimeoutSeconds)
                .healthyThresholdCount(tg.healthyThresholdCount).unhealthyThresholdCount(tg.unhealthyThresholdCount)
                .matcher(Matcher.builder().httpCode(tg.matcher).build())
                .loadBalancerArns(st.loadBalancersOfTargetGroup(tg.arn))
                .ipAddressType("ipv4").protocolVersion("HTTP1")
                .build();
    }

    static Listener listener(ListenerRec l) {
        return Listener.builder().listenerArn(l.arn).loadBalancerArn(l.loadBalancerArn).port(l.port).protocol(l.protocol)
                .sslPolicy(l.sslPolicy)
                .certificates(l.certificateArns.stream().map(a -> Certificate.builder().certificateArn(a).build()).toList())
                .defaultActions(l.defaultActions.stream().map(ElbViews::action).toList())
                .build();
    }

    static Rule rule(ElbState.RuleRec r) {
        return Rule.builder().ruleArn(r.arn).priority(String.valueOf(r.priority)).isDefault(false)
                .conditions(r.conditions.stream().map(c -> {
                    RuleCondition.Builder b = RuleCondition.builder().field(c.field).values(c.values);
                    if ("host-header".equals(c.field)) b.hostHeaderConfig(HostHeaderConditionConfig.builder().values(c.values).build());
                    if ("path-pattern".equals(c.field)) b.pathPatternConfig(PathPatternConditionConfig.builder().values(c.values).build());
                    return b.build();
                }).toList())
                .actions(r.actions.stream().map(ElbViews::action).toList()).build();
    }

    /** The listener's default rule, as DescribeRules lists it last. */
    static Rule defaultRule(ListenerRec l) {
        return Rule.builder().ruleArn(l.arn.replace(":listener/", ":listener-rule/") + "/default").priority("default").isDefault(true)
                .conditions(List.of()).actions(l.defaultActions.stream().map(ElbViews::action).toList()).build();
    }

    private static Action action(ActionRec a) {
        Action.Builder b = Action.builder().type(a.type).order(1);
        if ("fixed-response".equals(a.type)) {
            b.fixedResponseConfig(FixedResponseActionConfig.builder().statusCode(a.fixedStatusCode).contentType("text/plain").build());
        }
        if (a.targetGroupArn != null) {
            b.targetGroupArn(a.targetGroupArn).forwardConfig(ForwardActionConfig.builder()
                    .targetGroups(TargetGroupTuple.builder().targetGroupArn(a.targetGroupArn).weight(1).build()).build());
        }
        if ("redirect".equals(a.type)) {
            b.redirectConfig(RedirectActionConfig.builder().protocol(a.redirectProtocol).port(a.redirectPort)
                    .host("#{host}").path("/#{path}").query("#{query}").statusCode(a.redirectStatusCode).build());
        }
        return b.build();
    }

    /** CreateListener is idempotent when the same listener already exists on the port. */
    static boolean sameListener(ListenerRec a, ListenerRec b) {
        if (!a.protocol.equals(b.protocol) || a.port != b.port || !Objects.equals(a.sslPolicy, b.sslPolicy)
                || !a.certificateArns.equals(b.certificateArns) || a.defaultActions.size() != b.defaultActions.size()) {
            return false;
        }
        for (int i = 0; i < a.defaultActions.size(); i++) {
            ActionRec x = a.defaultActions.get(i), y = b.defaultActions.get(i);
            if (!Objects.equals(x.type, y.type) || !Objects.equals(x.targetGroupArn, y.targetGroupArn)
                    || !Objects.equals(x.redirectProtocol, y.redirectProtocol) || !Objects.equals(x.redirectPort, y.redirectPort)
                    || !Objects.equals(x.redirectStatusCode, y.redirectStatusCode)) {
                return false;
            }
        }
        return true;
    }

    static TargetHealthDescription health(String ip, int port, String state, boolean inUse, TargetGroupRec tg) {
        return health(ip, port, state, inUse, false, tg);
    }

    /** {@code registering}: the group's load balancer is still provisioning, so no health check has started. */
    static TargetHealthDescription health(String ip, int port, String state, boolean inUse, boolean registering, TargetGroupRec tg) {
        TargetHealth.Builder h = TargetHealth.builder();
        if (state == null) {
            h.state("unavailable").reason("Target.NotRegistered").description("Target is not registered to the target group");
        } else if (!inUse && !state.equals("draining")) {
            h.state("unused").reason("Target.NotInUse").description("Target group is not configured to receive traffic from the load balancer");
        } else {
            switch (state) {
                case "initial" -> {
                    if (registering) h.state("initial").reason("Elb.RegistrationInProgress").description("Target registration is in progress");
                    else h.state("initial").reason("Elb.InitialHealthChecking").description("Initial health checks in progress");
                }
                case "unhealthy" -> h.state("unhealthy").reason("Target.ResponseCodeMismatch")
                        .description("Health checks failed with these codes: [404]");
                case "unreachable" -> h.state("unhealthy").reason("Target.Timeout").description("Request timed out");
                case "draining" -> h.state("draining").reason("Target.DeregistrationInProgress").description("Target deregistration is in progress");
                default -> h.state("healthy");
            }
        }
        return TargetHealthDescription.builder().target(TargetDescription.builder().id(ip).port(port).build())
                .healthCheckPort(String.valueOf(port)).targetHealth(h.build()).build();
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** Marker paging as ELB does it: an opaque marker, a page size up to a maximum. */
    record Page<T>(List<T> items, String nextMarker) {
        static <T> Page<T> of(List<T> all, String marker, Integer pageSize, int max, BiFunction<String, String, RuntimeException> bad) {
            int size = pageSize == null ? max : pageSize;
            if (size < 1 || size > max) throw bad.apply("ValidationError", "Page size must be between 1 and " + max);
            int from = 0;
            if (marker != null) {
                try {
                    from = Integer.parseInt(marker);
                } catch (NumberFormatException e) {
                    throw bad.apply("ValidationError", "The marker '" + marker + "' is not valid");
                }
            }
            int to = Math.min(all.size(), from + size);
            return new Page<>(from >= all.size() ? List.of() : all.subList(from, to), to < all.size() ? String.valueOf(to) : null);
        }
    }
}
