package dev.gantry.resources.network;

import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code subnet.public-N} / {@code subnet.private-N}: one slice of the VPC in one zone. Data in
 * the default VPC (props {@code defaultForAz, index}: the default subnet of the index-th zone) and
 * in an existing VPC (props {@code subnetId}).
 */
public final class SubnetType implements ResourceType {
    @Override public String type() { return "subnet"; }
    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.NETWORK; }
    @Override public String noun() { return "subnet"; }

    @Override public int tier() { return 1; }

    @Override public Set<String> replaceOn() { return Set.of("cidr", "availabilityZone", "vpcId"); }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        List<Observed> out = new ArrayList<>();
        for (Subnet s : appSubnets(ctx)) {
            Ec2Tagging.addressOf(ctx, s.tags(), type()).ifPresent(a -> out.add(observe(a, s)));
        }
        return out;
    }

    /** The app's subnets; the route tables' refresh needs them too, and one read per refresh serves both. */
    static List<Subnet> appSubnets(ResourceContext ctx) {
        return ctx.reads().get("ec2:app-subnets", () -> ctx.aws().ec2().describeSubnets(b -> b.filters(Ec2Tagging.appFilter(ctx))).subnets());
    }

    @Override public Optional<Observed> lookup(ResourceContext ctx, Desired desired) {
        Map<String, Object> p = desired.props();
        Ec2Client ec2 = ctx.aws().ec2();
        Subnet found;
        if (p.containsKey("subnetId")) {
            String id = Props.str(p, "subnetId");
            found = ec2.describeSubnets(b -> b.filters(Filter.builder().name("subnet-id").values(id).build()))
                    .subnets().stream().filter(s -> id.equals(s.subnetId())).findFirst().orElseThrow(() -> new AwsFailure(AwsFailure.Kind.NOT_FOUND,
                            "subnet " + id + " does not exist in region " + ctx.region(),
                            "check network.publicSubnets and network.privateSubnets in gantry.yaml"));
        } else {
            int index = ((Number) p.get("index")).intValue();
            // The default subnets, one per zone, in zone-name order: public-0 is the first zone's.
            List<Subnet> defaults = ec2.describeSubnets(b -> b.filters(
                            Filter.builder().name("default-for-az").values("true").build())).subnets().stream()
                    .filter(s -> Boolean.TRUE.equals(s.defaultForAz()))
                    .sorted(Comparator.comparing(Subnet::availabilityZone)).toList();
            if (index >= defaults.size()) {
                throw new AwsFailure(AwsFailure.Kind.NOT_FOUND,
                        "the default VPC in " + ctx.region() + " has " + defaults.size() + " default subnets; gantry needs one in each of two availability zones",
                        "recreate the missing default subnets with 'aws ec2 create-default-subnet --availability-zone ZONE', or use 'network: {vpc: new}'");
            }
            found = defaults.get(index);
        }
        return Optional.of(new Observed(desired.address(), found.subnetId(), p, outputs(found)));
    }

    @Override public Step retag(ResourceContext ctx, Observed existing, Desired desired) { return Ec2Tagging.retag(ctx, existing, desired.address()); }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> {
            Ec2Client ec2 = ctx.aws().ec2();
            java.util.function.Supplier<Optional<Subnet>> own = () -> Ec2Tagging.own(ctx, desired.address(),
                    ec2.describeSubnets(b -> b.filters(Ec2Tagging.ownFilters(ctx, desired.address()))).subnets(),
                    Subnet::tags, Subnet::vpcId, Props.str(props, "vpcId"));
            Subnet s = Ec2Tagging.findOrCreate(ctx, desired.address(), own, () -> {
                try {
                    return ec2.createSubnet(b -> b.vpcId(Props.str(props, "vpcId"))
                            .cidrBlock(Props.str(props, "cidr")).availabilityZone(Props.str(props, "availabilityZone"))
                            .tagSpecifications(Ec2Tagging.spec(ctx, desired.address(), "subnet")).overrideConfiguration(Ec2Tagging::noBlindResend)).subnet();
                } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                    // The CIDR is taken: by this subnet itself when an earlier send took effect unseen.
                    if (!Ec2Tagging.hasCode(e, "InvalidSubnet.Conflict")) throw e;
                    return own.get().orElseThrow(() -> e);
                }
            });
            return StepResult.done(setPublicIp(ctx, desired.address(), s, props));
        };
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            Subnet s = ctx.aws().ec2().describeSubnets(b -> b.subnetIds(current.id())).subnets().get(0);
            return StepResult.done(setPublicIp(ctx, current.address(), s, props));
        };
    }

    private Observed setPublicIp(ResourceContext ctx, Address address, Subnet s, Map<String, Object> props) {
        boolean want = Boolean.TRUE.equals(props.get("mapPublicIpOnLaunch"));
        if (want == Boolean.TRUE.equals(s.mapPublicIpOnLaunch())) return observe(address, s);
        ctx.aws().ec2().modifySubnetAttribute(b -> b.subnetId(s.subnetId())
                .mapPublicIpOnLaunch(AttributeBooleanValue.builder().value(want).build()));
        return observe(address, s.toBuilder().mapPublicIpOnLaunch(want).build());
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            Ec2Tagging.ignoringGone(() -> ctx.aws().ec2().deleteSubnet(b -> b.subnetId(current.id())), "InvalidSubnetID.NotFound");
            return StepResult.done(current);
        };
    }

    private static Observed observe(Address address, Subnet s) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("vpcId", s.vpcId());
        props.put("cidr", s.cidrBlock());
        props.put("availabilityZone", s.availabilityZone());
        props.put("mapPublicIpOnLaunch", Boolean.TRUE.equals(s.mapPublicIpOnLaunch()));
        return new Observed(address, s.subnetId(), props, outputs(s));
    }

    private static Map<String, String> outputs(Subnet s) {
        return Map.of("id", s.subnetId(), "az", s.availabilityZone());
    }
}
