package dev.gantry.resources.edge;

import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Claim;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code target-group.main}: the tasks' IP addresses, health-checked over HTTP. Health checks run
 * every 15 s and two passes make a task healthy (AWS's defaults, 30 s and five, take 2.5 minutes
 * per deploy before any traffic flows).
 */
final class TargetGroupType implements ResourceType {
    static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";
    /** A task that stops answering is taken out after 3 failed checks (15 s at the default interval). */
    static final int UNHEALTHY_THRESHOLD = 3;
    static final List<String> HEALTH_CHECK = List.of("healthCheckPath", "healthCheckInterval", "healthCheckTimeout", "healthyThreshold");

    @Override public String type() { return "target-group"; }

    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.LOAD_BALANCER; }

    @Override public String noun() { return "target group"; }

    @Override public int tier() { return 2; }

    @Override public Set<String> replaceOn() { return Set.of("vpcId"); }

    /**
     * ECS registers every task with its own container port and the health check follows each
     * target's port, so the group's port is only a default: a new container port is a rolling
     * deployment of the service into the same group, with no gap. The name keeps the port the
     * group was made with.
     */
    @Override public Set<String> createOnly() { return Set.of("name", "port"); }

    /** A new VPC needs a new group: made beside the old one, which goes once the listener has moved. */
    @Override public boolean createBeforeDestroy() { return true; }

    @Override
    public List<Observed> refresh(ResourceContext ctx) {
        List<Observed> out = new ArrayList<>();
        for (ElbLookup.Owned<TargetGroup> tg : ElbLookup.targetGroups(ctx, type())) out.add(observed(ctx, tg.address(), tg.resource()));
        return out;
    }

    /** Target group names are unique in a region. */
    @Override
    public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        return ElbLookup.targetGroupNamed(ctx, name).map(tg -> new Claim(observed(ctx, desired.address(), tg),
                "the target group " + name + " (port " + tg.port() + ", " + tg.vpcId() + ")", ElbLookup.tagsOf(ctx, tg.targetGroupArn()),
                "app (or task.port: the name is APP-tg-PORT)"));
    }

    @Override
    public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return ElbLookup.tagging(ctx, existing, desired);
    }

    @Override
    public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        return () -> {
            Optional<TargetGroup> existing = ElbLookup.targetGroupNamed(ctx, name);
            if (existing.isPresent()
                    && !ElbLookup.ownedBy(ctx, ElbLookup.tags(ctx, List.of(existing.get().targetGroupArn())).get(existing.get().targetGroupArn()))) {
                throw new AwsFailure(AwsFailure.Kind.CONFLICT,
                        "a target group named " + name + " already exists in " + ctx.region() + " and gantry did not create it for app " + ctx.app(),
                        "delete that target group (after checking nothing uses it), or choose another app name");
            }
            TargetGroup tg = ctx.aws().elb().createTargetGroup(b -> b.name(name).protocol(ProtocolEnum.HTTP)
                    .port(Props.integer(props, "port")).vpcId(Props.str(props, "vpcId")).targetType(TargetTypeEnum.IP)
                    .healthCheckProtocol(ProtocolEnum.HTTP).healthCheckPath(Props.str(props, "healthCheckPath"))
                    .healthCheckIntervalSeconds(Props.integer(props, "healthCheckInterval"))
                    .healthCheckTimeoutSeconds(Props.integer(props, "healthCheckTimeout"))
                    .healthyThresholdCount(Props.integer(props, "healthyThreshold")).unhealthyThresholdCount(UNHEALTHY_THRESHOLD)
                    .matcher(m -> m.httpCode("200-399"))
                    .tags(ElbLookup.tags(ctx, desired))).targetGroups().get(0);
            // ModifyTargetGroupAttributes answers with all of the group's attributes: no read back.
            return StepResult.done(observed(desired.address(), tg, delayIn(setDelay(ctx, tg.targetGroupArn(), Props.integer(props, "deregistrationDelay")))));
        };
    }

    @Override
    public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        String arn = current.id();
        return () -> {
            boolean checkChanged = HEALTH_CHECK.stream().anyMatch(k -> !java.util.Objects.equals(props.get(k), current.props().get(k)));
            if (checkChanged) {
                // One call, in place: the group, its targets and their health stay as they are.
                ctx.aws().elb().modifyTargetGroup(b -> b.targetGroupArn(arn).healthCheckPath(Props.str(props, "healthCheckPath"))
                        .healthCheckIntervalSeconds(Props.integer(props, "healthCheckInterval"))
                        .healthCheckTimeoutSeconds(Props.integer(props, "healthCheckTimeout"))
                        .healthyThresholdCount(Props.integer(props, "healthyThreshold")));
            }
            String delay = null;
            if (!props.get("deregistrationDelay").equals(current.props().get("deregistrationDelay"))) {
                delay = delayIn(setDelay(ctx, arn, Props.integer(props, "deregistrationDelay")));
            }
            TargetGroup tg = ctx.aws().elb().describeTargetGroups(b -> b.targetGroupArns(arn)).targetGroups().get(0);
            return StepResult.done(delay == null ? observed(ctx, desired.address(), tg) : observed(desired.address(), tg, delay));
        };
    }

    @Override
    public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            ctx.aws().elb().deleteTargetGroup(b -> b.targetGroupArn(current.id()));
            return StepResult.done(current);
        };
    }

    private static List<TargetGroupAttribute> setDelay(ResourceContext ctx, String arn, Integer seconds) {
        return ctx.aws().elb().modifyTargetGroupAttributes(b -> b.targetGroupArn(arn)
                .attributes(TargetGroupAttribute.builder().key(DEREGISTRATION_DELAY).value(String.valueOf(seconds)).build())).attributes();
    }

    private static String delayIn(List<TargetGroupAttribute> attributes) {
        return attributes.stream().filter(a -> a.key().equals(DEREGISTRATION_DELAY)).map(TargetGroupAttribute::value).findFirst().orElse("300");
    }

    private static Observed observed(ResourceContext ctx, Address address, TargetGroup tg) {
        return observed(address, tg, delayIn(ctx.aws().elb().describeTargetGroupAttributes(b -> b.targetGroupArn(tg.targetGroupArn())).attributes()));
    }

    private static Observed observed(Address address, TargetGroup tg, String delay) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("name", tg.targetGroupName());
        props.put("port", tg.port());
        props.put("vpcId", tg.vpcId());
        props.put("healthCheckPath", tg.healthCheckPath());
        props.put("deregistrationDelay", Integer.valueOf(delay));
        props.put("healthCheckInterval", tg.healthCheckIntervalSeconds());
        props.put("healthCheckTimeout", tg.healthCheckTimeoutSeconds());
        props.put("healthyThreshold", tg.healthyThresholdCount());
        return new Observed(address, tg.targetGroupArn(), props, Map.of("id", tg.targetGroupArn(), "arn", tg.targetGroupArn()));
    }
}
