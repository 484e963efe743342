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
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code vpc.main}: a VPC gantry builds (vpc: new), or one it only reads: the account's default
 * VPC, or an existing one whose subnets are checked before anything is planned on them.
 */
public final class VpcType implements ResourceType {
    @Override public String type() { return "vpc"; }
    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.NETWORK; }
    @Override public String noun() { return "VPC"; }

    @Override public int tier() { return 0; }

    @Override public Set<String> replaceOn() { return Set.of("cidr"); }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        List<Observed> out = new ArrayList<>();
        for (Vpc v : ctx.aws().ec2().describeVpcs(b -> b.filters(Ec2Tagging.appFilter(ctx))).vpcs()) {
            Ec2Tagging.addressOf(ctx, v.tags(), type()).ifPresent(a -> out.add(observe(ctx, a, v)));
        }
        return out;
    }

    @Override public Optional<Observed> lookup(ResourceContext ctx, Desired desired) {
        Ec2Client ec2 = ctx.aws().ec2();
        Map<String, Object> p = desired.props();
        if (Boolean.TRUE.equals(p.get("default"))) {
            Vpc v = ec2.describeVpcs(b -> b.filters(Filter.builder().name("is-default").values("true").build()))
                    .vpcs().stream().filter(x -> Boolean.TRUE.equals(x.isDefault())).findFirst().orElseThrow(() -> new AwsFailure(AwsFailure.Kind.NOT_FOUND,
                            "region " + ctx.region() + " has no default VPC (it may have been deleted)",
                            "use 'network: {vpc: new}' in gantry.yaml, or recreate the default VPC with 'aws ec2 create-default-vpc'"));
            return Optional.of(dataObserved(desired, v));
        }
        String vpcId = Props.str(p, "vpcId");
        Vpc v = ec2.describeVpcs(b -> b.filters(Filter.builder().name("vpc-id").values(vpcId).build()))
                .vpcs().stream().filter(x -> vpcId.equals(x.vpcId())).findFirst().orElseThrow(() -> new AwsFailure(AwsFailure.Kind.NOT_FOUND,
                        "VPC " + vpcId + " does not exist in region " + ctx.region(),
                        "check network.vpcId in gantry.yaml (and the region); 'aws ec2 describe-vpcs' lists the VPCs you have"));
        checkSubnets(ctx, vpcId, strings(p.get("publicSubnets")), strings(p.get("privateSubnets")));
        return Optional.of(dataObserved(desired, v));
    }

    /** The given subnets must exist, lie in the VPC, and the public ones span two zones (the load balancer needs that). */
    private static void checkSubnets(ResourceContext ctx, String vpcId, List<String> publicIds, List<String> privateIds) {
        List<String> all = new ArrayList<>(publicIds);
        all.addAll(privateIds);
        if (all.isEmpty()) return;
        Map<String, Subnet> found = new LinkedHashMap<>();
        ctx.aws().ec2().describeSubnets(b -> b.filters(Filter.builder().name("subnet-id").values(all).build()))
                .subnets().forEach(s -> found.put(s.subnetId(), s));
        for (String id : all) {
            Subnet s = found.get(id);
            if (s == null) {
                throw new AwsFailure(AwsFailure.Kind.NOT_FOUND, "subnet " + id + " does not exist in region " + ctx.region(),
                        "check network.publicSubnets and network.privateSubnets in gantry.yaml; 'aws ec2 describe-subnets --filters Name=vpc-id,Values=" + vpcId + "' lists them");
            }
            if (!vpcId.equals(s.vpcId())) {
                throw new AwsFailure(AwsFailure.Kind.INVALID, "subnet " + id + " belongs to " + s.vpcId() + ", not to " + vpcId,
                        "list only subnets of " + vpcId + " in gantry.yaml, or change network.vpcId");
            }
        }
        Set<String> zones = new TreeSet<>();
        for (String id : publicIds) zones.add(found.get(id).availabilityZone());
        if (!publicIds.isEmpty() && zones.size() < 2) {
            throw new AwsFailure(AwsFailure.Kind.INVALID,
                    "the public subnets are all in " + String.join(", ", zones) + "; a load balancer needs subnets in at least two availability zones",
                    "add a public subnet from another availability zone to network.publicSubnets");
        }
    }

    @Override public Step retag(ResourceContext ctx, Observed existing, Desired desired) { return Ec2Tagging.retag(ctx, existing, desired.address()); }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> {
            Ec2Client ec2 = ctx.aws().ec2();
            // Found by its tags first: a re-run after a crash adopts the VPC instead of making a second one.
            boolean[] made = {false};
            Vpc v = Ec2Tagging.findOrCreate(ctx, desired.address(), () -> Ec2Tagging.own(ctx, desired.address(), ec2.describeVpcs(b -> b.filters(Ec2Tagging.ownFilters(ctx, desired.address()))).vpcs(), Vpc::tags),
                    () -> {
                        Vpc created = ec2.createVpc(b -> b.cidrBlock(Props.str(props, "cidr"))
                                .tagSpecifications(Ec2Tagging.spec(ctx, desired.address(), "vpc")).overrideConfiguration(Ec2Tagging::noBlindResend)).vpc();
                        made[0] = true;
                        return created;
                    });
            applyDns(ec2, v.vpcId(), props, true, false);
            // A VPC this call made starts with AWS's defaults (DNS support on, hostnames off: VPC user
            // guide, "DNS attributes for your VPC"), so after the answered changes it holds what the
            // spec asks: no read back. One found again (a re-run, a lost reply) is read.
            return StepResult.done(made[0] ? observed(desired.address(), v, wantSupport(props), wantHostnames(props))
                    : observe(ctx, desired.address(), v));
        };
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            Ec2Client ec2 = ctx.aws().ec2();
            applyDns(ec2, current.id(), props, Boolean.TRUE.equals(current.props().get("enableDnsSupport")),
                    Boolean.TRUE.equals(current.props().get("enableDnsHostnames")));
            Vpc v = ec2.describeVpcs(b -> b.vpcIds(current.id())).vpcs().get(0);
            return StepResult.done(observe(ctx, current.address(), v));
        };
    }

    /** One attribute per call (AWS's rule), support before hostnames (hostnames need support). */
    private static void applyDns(Ec2Client ec2, String vpcId, Map<String, Object> props, boolean support, boolean hostnames) {
        boolean wantSupport = wantSupport(props);
        boolean wantHostnames = wantHostnames(props);
        if (!wantHostnames && hostnames) {
            ec2.modifyVpcAttribute(b -> b.vpcId(vpcId).enableDnsHostnames(bool(false)));
        }
        if (wantSupport != support) ec2.modifyVpcAttribute(b -> b.vpcId(vpcId).enableDnsSupport(bool(wantSupport)));
        if (wantHostnames && !hostnames) ec2.modifyVpcAttribute(b -> b.vpcId(vpcId).enableDnsHostnames(bool(true)));
    }

    /**
     * A VPC that still holds something the app did not make (a person's subnet or security group,
     * say) can never be deleted by waiting: that is said at once, naming each thing, instead of the
     * delete's wait for AWS to release what gantry's own deletes left behind (ResourceType.deleteWhenFree).
     */
    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            try {
                Ec2Tagging.ignoringGone(() -> ctx.aws().ec2().deleteVpc(b -> b.vpcId(current.id())), "InvalidVpcID.NotFound");
            } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                if (!Ec2Tagging.hasCode(e, "DependencyViolation")) throw e;
                List<String> blockers = VpcBlockers.find(ctx, current.id());
                if (blockers.isEmpty()) throw e;
                throw new AwsFailure(AwsFailure.Kind.OTHER, "the VPC " + current.id() + " still holds what gantry did not make, so AWS refuses to delete it: "
                        + String.join("; ", blockers),
                        "gantry deletes only what it made: delete those yourself if they are no longer needed, then run 'gantry destroy' again; "
                                + "or keep the VPC for them (an empty VPC costs nothing)", e);
            }
            return StepResult.done(current);
        };
    }

    private static boolean wantSupport(Map<String, Object> props) { return !Boolean.FALSE.equals(props.get("enableDnsSupport")); }

    private static boolean wantHostnames(Map<String, Object> props) { return Boolean.TRUE.equals(props.get("enableDnsHostnames")); }

    private static Observed observe(ResourceContext ctx, Address address, Vpc v) {
        Ec2Client ec2 = ctx.aws().ec2();
        boolean support = ec2.describeVpcAttribute(b -> b.vpcId(v.vpcId()).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
                .enableDnsSupport().value();
        boolean hostnames = ec2.describeVpcAttribute(b -> b.vpcId(v.vpcId()).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                .enableDnsHostnames().value();
        return observed(address, v, support, hostnames);
    }

    private static Observed observed(Address address, Vpc v, boolean support, boolean hostnames) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("cidr", v.cidrBlock());
        props.put("enableDnsSupport", support);
        props.put("enableDnsHostnames", hostnames);
        return new Observed(address, v.vpcId(), props, Map.of("id", v.vpcId(), "cidr", v.cidrBlock()));
    }

    /** A data VPC shows exactly the props it was asked with, so the plan reads it and changes nothing. */
    private static Observed dataObserved(Desired desired, Vpc v) {
        return new Observed(desired.address(), v.vpcId(), desired.props(), Map.of("id", v.vpcId(), "cidr", v.cidrBlock()));
    }

    private static AttributeBooleanValue bool(boolean b) { return AttributeBooleanValue.builder().value(b).build(); }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object o) { return o == null ? List.of() : (List<String>) o; }
}
