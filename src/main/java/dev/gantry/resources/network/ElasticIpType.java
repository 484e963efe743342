package dev.gantry.resources.network;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code eip.nat-N}: the fixed public address a NAT gateway sends traffic from. */
public final class ElasticIpType implements ResourceType {
    @Override public String type() { return "eip"; }
    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.NETWORK; }
    @Override public String noun() { return "Elastic IP"; }

    @Override public int tier() { return 1; }

    @Override public Set<String> replaceOn() { return Set.of("domain"); }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        List<Observed> out = new ArrayList<>();
        for (var a : ctx.aws().ec2().describeAddresses(b -> b.filters(Ec2Tagging.appFilter(ctx))).addresses()) {
            Ec2Tagging.addressOf(ctx, a.tags(), type()).ifPresent(addr -> out.add(observe(addr, a.allocationId(), a.publicIp())));
        }
        return out;
    }

    @Override public Step retag(ResourceContext ctx, Observed existing, Desired desired) { return Ec2Tagging.retag(ctx, existing, desired.address()); }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> {
            Ec2Client ec2 = ctx.aws().ec2();
            String[] made = Ec2Tagging.findOrCreate(ctx, desired.address(), () -> Ec2Tagging.own(ctx, desired.address(),
                            ec2.describeAddresses(b -> b.filters(Ec2Tagging.ownFilters(ctx, desired.address()))).addresses(), a -> a.tags())
                            .map(a -> new String[] {a.allocationId(), a.publicIp()}),
                    () -> {
                        var r = ec2.allocateAddress(b -> b.domain("vpc").tagSpecifications(Ec2Tagging.spec(ctx, desired.address(), "elastic-ip"))
                                .overrideConfiguration(Ec2Tagging::noBlindResend));
                        return new String[] {r.allocationId(), r.publicIp()};
                    });
            return StepResult.done(observe(desired.address(), made[0], made[1]));
        };
    }

    @Override public boolean canUpdate() { return false; }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            Ec2Tagging.ignoringGone(() -> ctx.aws().ec2().releaseAddress(b -> b.allocationId(current.id())),
                    "InvalidAllocationID.NotFound");
            return StepResult.done(current);
        };
    }

    private static Observed observe(Address address, String allocationId, String publicIp) {
        return new Observed(address, allocationId, Map.of("domain", "vpc"), Map.of("id", allocationId, "publicIp", publicIp));
    }
}
