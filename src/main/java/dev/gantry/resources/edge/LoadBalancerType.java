package dev.gantry.resources.edge;

import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Poll;
import dev.gantry.resources.Claim;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpAddressType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code load-balancer.main}: the internet-facing application load balancer. */
final class LoadBalancerType implements ResourceType {
    static final String IDLE_TIMEOUT = "idle_timeout.timeout_seconds";
    static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(15);
    /** How long AWS typically takes to provision an ALB (docs/timings.md): the first looks are spaced by it. */
    static final Duration TYPICAL_PROVISIONING = Duration.ofSeconds(185);

    @Override public String type() { return "load-balancer"; }

    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.LOAD_BALANCER; }

    @Override public String noun() { return "load balancer"; }

    /** An Application Load Balancer provisions for about three minutes. */

    @Override public java.time.Duration typicalDuration() { return java.time.Duration.ofSeconds(185); }

    @Override public int tier() { return 2; }

    /** A load balancer cannot move to another VPC: a new network (or another existing one) needs a new load balancer. */
    @Override public Set<String> replaceOn() { return Set.of("name", "vpcId"); }

    @Override
    public List<Observed> refresh(ResourceContext ctx) {
        List<Observed> out = new ArrayList<>();
        for (ElbLookup.Owned<LoadBalancer> lb : ElbLookup.loadBalancers(ctx, type())) {
            out.add(observed(ctx, lb.address(), lb.resource()));
        }
        return out;
    }

    /** Load balancer names are unique in a region: one named as gantry names the app's, and not the app's. */
    @Override
    public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        return ElbLookup.loadBalancerNamed(ctx, name).map(lb -> new Claim(observed(ctx, desired.address(), lb),
                "the load balancer " + name + " (" + lb.dnsName() + ")", ElbLookup.tagsOf(ctx, lb.loadBalancerArn()), "app"));
    }

    @Override
    public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return ElbLookup.tagging(ctx, existing, desired);
    }

    @Override
    public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        return () -> {
            Optional<LoadBalancer> existing = ElbLookup.loadBalancerNamed(ctx, name);
            if (existing.isPresent()) {
                Map<String, String> tags = ElbLookup.tags(ctx, List.of(existing.get().loadBalancerArn())).get(existing.get().loadBalancerArn());
                if (!ElbLookup.ownedBy(ctx, tags)) {
                    throw new AwsFailure(AwsFailure.Kind.CONFLICT,
                            "a load balancer named " + name + " already exists in " + ctx.region() + " and gantry did not create it for app " + ctx.app(),
                            "delete or rename that load balancer, or choose another app name");
                }
            }
            // Idempotent on the name: a re-run after a crash gets the same load balancer back.
            LoadBalancer lb = ctx.aws().elb().createLoadBalancer(b -> b.name(name)
                    .subnets(strings(props.get("subnets"))).securityGroups(strings(props.get("securityGroups")))
                    .scheme(LoadBalancerSchemeEnum.INTERNET_FACING).type(LoadBalancerTypeEnum.APPLICATION)
                    .ipAddressType(IpAddressType.IPV4).tags(ElbLookup.tags(ctx, desired))).loadBalancers().get(0);
            // ModifyLoadBalancerAttributes answers with all of its attributes: no read back.
            String idle = idleIn(setIdleTimeout(ctx, lb.loadBalancerArn(), Props.integer(props, "idleTimeout")));
            // A provisioning load balancer already takes listeners and target groups, and targets
            // registered meanwhile are checked as soon as it is active (docs/timings.md): what
            // depends on it starts now, while this waits for it to become active. AWS has just
            // answered "provisioning" (a re-run may get an older one that is active already), so
            // the wait's first look comes after its first pause.
            boolean provisioning = lb.state() != null && lb.state().code() == LoadBalancerStateEnum.PROVISIONING;
            return StepResult.usable(observed(desired.address(), lb, idle), waitActive(ctx, desired, lb.loadBalancerArn(), idle, !provisioning));
        };
    }

    @Override
    public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        String arn = current.id();
        return () -> {
            List<String> subnets = strings(props.get("subnets"));
            if (!sorted(subnets).equals(current.props().get("subnets"))) {
                ctx.aws().elb().setSubnets(b -> b.loadBalancerArn(arn).subnets(subnets));
            }
            List<String> groups = strings(props.get("securityGroups"));
            if (!sorted(groups).equals(current.props().get("securityGroups"))) {
                ctx.aws().elb().setSecurityGroups(b -> b.loadBalancerArn(arn).securityGroups(groups));
            }
            if (!props.get("idleTimeout").equals(current.props().get("idleTimeout"))) {
                setIdleTimeout(ctx, arn, Props.integer(props, "idleTimeout"));
            }
            return waitActive(ctx, desired, arn, null, true).run();
        };
    }

    @Override
    public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            // The listeners go with it; its network interfaces linger a few minutes (subnet and
            // security group deletes meet DependencyViolation meanwhile, which the engine retries).
            ctx.aws().elb().deleteLoadBalancer(b -> b.loadBalancerArn(current.id()));
            return StepResult.done(current);
        };
    }

    /** {@code idle}: the idle timeout when this step has just set it (else read with the rest); {@code lookNow}: false right after the create. */
    private Step waitActive(ResourceContext ctx, Desired desired, String arn, String idle, boolean lookNow) {
        java.util.function.Supplier<Optional<Observed>> check = () -> {
                    LoadBalancer lb = ctx.aws().elb().describeLoadBalancers(b -> b.loadBalancerArns(arn)).loadBalancers().get(0);
                    LoadBalancerStateEnum state = lb.state().code();
                    if (state == LoadBalancerStateEnum.FAILED) {
                        throw new AwsFailure(AwsFailure.Kind.OTHER, "the load balancer " + lb.loadBalancerName() + " failed to provision: "
                                + lb.state().reason(), "check the subnets and security groups it uses, then run 'gantry apply' again");
                    }
                    if (state != LoadBalancerStateEnum.ACTIVE) return Optional.empty();
                    return Optional.of(idle == null ? observed(ctx, desired.address(), lb) : observed(desired.address(), lb, idle));
                };
        String fix = "check the load balancer in the EC2 console (Load Balancers); AWS usually needs 2-4 minutes, then run 'gantry apply' again";
        return lookNow ? Poll.until(ctx, "the load balancer to become active", TYPICAL_PROVISIONING, ACTIVE_TIMEOUT, fix, check)
                : Poll.after(ctx, "the load balancer to become active", TYPICAL_PROVISIONING, ACTIVE_TIMEOUT, fix, check);
    }

    private static List<LoadBalancerAttribute> setIdleTimeout(ResourceContext ctx, String arn, Integer seconds) {
        return ctx.aws().elb().modifyLoadBalancerAttributes(b -> b.loadBalancerArn(arn)
                .attributes(LoadBalancerAttribute.builder().key(IDLE_TIMEOUT).value(String.valueOf(seconds)).build())).attributes();
    }

    private static String idleIn(List<LoadBalancerAttribute> attributes) {
        return attributes.stream().filter(a -> a.key().equals(IDLE_TIMEOUT)).map(LoadBalancerAttribute::value).findFirst().orElse("60");
    }

    /**
     * An output for the service's rollout watch: when a provisioning load balancer is likely
     * active (its creation plus {@link #TYPICAL_PROVISIONING}), since its targets' health checks
     * start only then; empty once it is active (or in any other state).
     */
    static final String ACTIVE_BY = "activeBy";

    private static String activeBy(LoadBalancer lb) {
        boolean provisioning = lb.state() != null && lb.state().code() == LoadBalancerStateEnum.PROVISIONING;
        return provisioning && lb.createdTime() != null ? lb.createdTime().plus(TYPICAL_PROVISIONING).toString() : "";
    }

    private static Observed observed(ResourceContext ctx, dev.gantry.plan.Address address, LoadBalancer lb) {
        return observed(address, lb, idleIn(ctx.aws().elb().describeLoadBalancerAttributes(b -> b.loadBalancerArn(lb.loadBalancerArn())).attributes()));
    }

    private static Observed observed(dev.gantry.plan.Address address, LoadBalancer lb, String idle) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("name", lb.loadBalancerName());
        props.put("vpcId", lb.vpcId());
        props.put("subnets", sorted(lb.availabilityZones().stream().map(AvailabilityZone::subnetId).toList()));
        props.put("securityGroups", sorted(lb.securityGroups()));
        props.put("idleTimeout", Integer.valueOf(idle));
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("id", lb.loadBalancerArn());
        outputs.put("arn", lb.loadBalancerArn());
        outputs.put("dnsName", lb.dnsName());
        outputs.put("canonicalHostedZoneId", lb.canonicalHostedZoneId());
        outputs.put(ACTIVE_BY, activeBy(lb));
        return new Observed(address, lb.loadBalancerArn(), props, outputs);
    }

    static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) l.forEach(o -> out.add(String.valueOf(o)));
        return out;
    }

    static List<String> sorted(List<String> in) {
        List<String> out = new ArrayList<>(in);
        out.sort(null);
        return List.copyOf(out);
    }
}
