package dev.gantry.resources.network;

import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code zones.main}: the region's available zones, read only; subnets take their zone from it. */
public final class ZonesType implements ResourceType {
    @Override public String type() { return "zones"; }
    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.NETWORK; }
    @Override public String noun() { return "availability zones"; }

    @Override public int tier() { return 0; }

    @Override public List<Observed> refresh(ResourceContext ctx) { return List.of(); }

    @Override public Optional<Observed> lookup(ResourceContext ctx, Desired desired) {
        List<String> names = ctx.aws().ec2().describeAvailabilityZones(b -> b.filters(
                        Filter.builder().name("state").values("available").build(),
                        Filter.builder().name("zone-type").values("availability-zone").build()))
                .availabilityZones().stream().map(AvailabilityZone::zoneName).sorted().toList();
        int wanted = ((Number) desired.props().getOrDefault("count", 2)).intValue();
        if (names.size() < wanted) {
            throw new AwsFailure(AwsFailure.Kind.INVALID,
                    "region " + ctx.region() + " has " + names.size() + " availability zones available, but network.availabilityZones asks for " + wanted,
                    "set network.availabilityZones to " + names.size() + " in gantry.yaml, or choose another region");
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) outputs.put("az" + i, names.get(i));
        return Optional.of(new Observed(desired.address(), ctx.region(), desired.props(), outputs));
    }

    /** Nothing to create: the zones exist; reading them is all a "create" can mean. */
    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> StepResult.done(lookup(ctx, desired).orElseThrow());
    }

    @Override public boolean canUpdate() { return false; }

    @Override public Step delete(ResourceContext ctx, Observed current) { return () -> StepResult.done(current); }
}
