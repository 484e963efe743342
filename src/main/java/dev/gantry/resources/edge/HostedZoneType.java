package dev.gantry.resources.edge;

import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.route53.model.HostedZone;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code hosted-zone.main} (data): the public zone named in {@code dns.zone}. gantry never creates
 * or deletes it; the domain's registrar must delegate to it, which only its owner can arrange.
 */
final class HostedZoneType implements ResourceType {
    @Override public String type() { return "hosted-zone"; }
    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.DNS; }
    @Override public String noun() { return "hosted zone"; }

    @Override public int tier() { return 0; }

    @Override public boolean canUpdate() { return false; }

    @Override public List<Observed> refresh(ResourceContext ctx) { return List.of(); }

    @Override
    public Optional<Observed> lookup(ResourceContext ctx, Desired desired) {
        String name = Props.str(desired.props(), "name");
        HostedZone z = Zones.publicZone(ctx, name).orElseThrow(() -> new AwsFailure(AwsFailure.Kind.NOT_FOUND,
                "there is no public Route53 hosted zone named " + name + " in this account",
                "create the public hosted zone or fix dns.zone (Route53 console → Hosted zones → Create; then point your registrar's name servers at it)"));
        String id = Zones.id(z.id());
        String zoneName = EdgeNames.stripDot(z.name());
        return Optional.of(new Observed(desired.address(), id, Map.of("name", zoneName), Map.of("id", id, "name", zoneName)));
    }

    @Override
    public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> StepResult.done(lookup(ctx, desired).orElseThrow());
    }

    @Override
    public Step delete(ResourceContext ctx, Observed current) { return () -> StepResult.done(current); }
}
