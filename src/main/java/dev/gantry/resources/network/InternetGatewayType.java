package dev.gantry.resources.network;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code internet-gateway.main}: the VPC's door to the internet; created and attached in one step. */
public final class InternetGatewayType implements ResourceType {
    @Override public String type() { return "internet-gateway"; }
    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.NETWORK; }
    @Override public String noun() { return "internet gateway"; }

    @Override public int tier() { return 1; }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        List<Observed> out = new ArrayList<>();
        for (InternetGateway g : ctx.aws().ec2().describeInternetGateways(b -> b.filters(Ec2Tagging.appFilter(ctx))).internetGateways()) {
            Ec2Tagging.addressOf(ctx, g.tags(), type()).ifPresent(a -> out.add(observe(a, g.internetGatewayId(), attachedVpc(g))));
        }
        return out;
    }

    @Override public Step retag(ResourceContext ctx, Observed existing, Desired desired) { return Ec2Tagging.retag(ctx, existing, desired.address()); }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> {
            Ec2Client ec2 = ctx.aws().ec2();
            InternetGateway g = Ec2Tagging.findOrCreate(ctx, desired.address(), () -> Ec2Tagging.own(ctx, desired.address(), ec2.describeInternetGateways(b -> b.filters(
                            Ec2Tagging.ownFilters(ctx, desired.address()))).internetGateways(), InternetGateway::tags),
                    () -> ec2.createInternetGateway(b -> b.tagSpecifications(
                            Ec2Tagging.spec(ctx, desired.address(), "internet-gateway")).overrideConfiguration(Ec2Tagging::noBlindResend)).internetGateway());
            return StepResult.done(attach(ctx, desired.address(), g.internetGatewayId(), attachedVpc(g), Props.str(props, "vpcId")));
        };
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> StepResult.done(attach(ctx, current.address(), current.id(), Props.str(current.props(), "vpcId"),
                Props.str(props, "vpcId")));
    }

    private Observed attach(ResourceContext ctx, Address address, String igwId, String attachedTo, String vpcId) {
        Ec2Client ec2 = ctx.aws().ec2();
        if (vpcId.equals(attachedTo)) return observe(address, igwId, vpcId);
        if (attachedTo != null) {
            Ec2Tagging.ignoringGone(() -> ec2.detachInternetGateway(b -> b.internetGatewayId(igwId).vpcId(attachedTo)),
                    "Gateway.NotAttached", "InvalidVpcID.NotFound");
        }
        Ec2Tagging.verifyingAlreadyDone(() -> ec2.attachInternetGateway(b -> b.internetGatewayId(igwId).vpcId(vpcId)),
                () -> ec2.describeInternetGateways(b -> b.internetGatewayIds(igwId)).internetGateways().stream()
                        .anyMatch(g -> vpcId.equals(attachedVpc(g))), "Resource.AlreadyAssociated");
        return observe(address, igwId, vpcId);
    }

    /** Detach first: AWS refuses to delete an attached gateway. */
    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            Ec2Client ec2 = ctx.aws().ec2();
            String vpcId = Props.str(current.props(), "vpcId");
            if (vpcId != null) {
                Ec2Tagging.ignoringGone(() -> ec2.detachInternetGateway(b -> b.internetGatewayId(current.id()).vpcId(vpcId)),
                        "Gateway.NotAttached", "InvalidVpcID.NotFound", "InvalidInternetGatewayID.NotFound");
            }
            Ec2Tagging.ignoringGone(() -> ec2.deleteInternetGateway(b -> b.internetGatewayId(current.id())),
                    "InvalidInternetGatewayID.NotFound");
            return StepResult.done(current);
        };
    }

    private static String attachedVpc(InternetGateway g) {
        return g.attachments().stream().map(InternetGatewayAttachment::vpcId).findFirst().orElse(null);
    }

    private static Observed observe(Address address, String id, String vpcId) {
        Map<String, Object> props = new LinkedHashMap<>();
        if (vpcId != null) props.put("vpcId", vpcId);
        return new Observed(address, id, props, Map.of("id", id));
    }
}
