package dev.gantry.resources.compute;

import dev.gantry.aws.ScalingApi;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Claim;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code scaling-target.main}: lets Application Auto Scaling move the service's desired count between min and max. */
final class ScalingTargetType implements ResourceType {
    @Override public String type() { return "scaling-target"; }
    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.SERVICE; }
    @Override public String noun() { return "scaling target"; }
    @Override public int tier() { return 5; }
    @Override public Set<String> replaceOn() { return Set.of("resourceId"); }

    static String resourceId(String cluster, String service) { return "service/" + cluster + "/" + service; }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        return current(ctx).flatMap(t -> ctx.ownAddress(t.tags(), "scaling-target").map(a -> List.of(observed(a, t)))).orElse(List.of());
    }

    /** The app's target: for its service in the planned cluster, else in another cluster of the app's (a renamed cluster). */
    static java.util.Optional<ScalingApi.Target> current(ResourceContext ctx) {
        String cluster = Ecs.wantedCluster(ctx);
        java.util.Optional<ScalingApi.Target> here = cluster == null ? java.util.Optional.empty() : refreshed(ctx, resourceId(cluster, ctx.app()));
        // The service is where the plan says and not scaled: nothing to look for elsewhere.
        if (here.isPresent() || cluster != null && !ServiceType.in(ctx, cluster).isEmpty()) return here;
        for (String other : Ecs.otherClustersOfTheApp(ctx)) {
            java.util.Optional<ScalingApi.Target> there = refreshed(ctx, resourceId(other, ctx.app()));
            if (there.isPresent()) return there;
        }
        return java.util.Optional.empty();
    }

    /**
     * Application Auto Scaling already scaling the service (set up by hand or another tool): its
     * range and policies are whoever made it, so gantry never takes it over; it asks for it to be
     * deregistered. (Its own target's tags are still written in place, {@link #retag}.)
     */
    @Override public java.util.Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String id = Props.str(props, "resourceId");
        return ctx.aws().scaling().describeScalableTarget(id).map(t -> new Claim(observed(desired.address(), t),
                "the autoscaling target " + id + " (" + t.min() + "–" + t.max() + " tasks)", t.tags(), "app (or cluster.name)",
                "deregister it first (aws application-autoscaling deregister-scalable-target), then gantry registers its own"));
    }

    /** The target as this refresh saw it; the policy type's refresh asks too, and AWS is asked once. */
    static java.util.Optional<ScalingApi.Target> refreshed(ResourceContext ctx, String resourceId) {
        return ctx.reads().get("scaling:target:" + resourceId, () -> ctx.aws().scaling().describeScalableTarget(resourceId));
    }

    private static Observed observed(Address a, ScalingApi.Target t) {
        return new Observed(a, t.resourceId(), Props.props().put("resourceId", t.resourceId()).put("min", t.min()).put("max", t.max()).build(),
                Map.of("id", t.resourceId()));
    }

    private Step register(ResourceContext ctx, Address a, Map<String, Object> props) {
        return () -> {
            String id = Props.str(props, "resourceId");
            // RegisterScalableTarget creates or updates: a re-run is harmless.
            ctx.aws().scaling().registerScalableTarget(id, Props.integer(props, "min"), Props.integer(props, "max"), ctx.tags(a));
            return StepResult.done(observed(a, ctx.aws().scaling().describeScalableTarget(id).orElseThrow()));
        };
    }

    /** RegisterScalableTarget applies tags only to a new target: an existing one is tagged with TagResource. */
    @Override public Step retag(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().scaling().tagScalableTarget(existing.id(), ctx.tags(desired.address()));
            return StepResult.done(existing);
        };
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) { return register(ctx, desired.address(), props); }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return register(ctx, desired.address(), props);
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            if (ctx.aws().scaling().describeScalableTarget(current.id()).isPresent()) ctx.aws().scaling().deregisterScalableTarget(current.id());
            return StepResult.done(current);
        };
    }
}
