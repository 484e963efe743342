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
        return current(ctx).stream().flatMap(t -> ctx.ownAddress(t.tags(), "scaling-target").stream().map(a -> observed(a, t))).toList();
    }

    /** The app's targets: for its services in the planned cluster, else in another cluster of the app's (a renamed cluster). */
    static List<ScalingApi.Target> current(ResourceContext ctx) {
        String cluster = Ecs.wantedCluster(ctx);
        List<ScalingApi.Target> here = cluster == null ? List.of() : refreshed(ctx, cluster);
        // The services are where the plan says and not scaled: nothing to look for elsewhere.
        if (!here.isEmpty() || cluster != null && !ServiceType.in(ctx, cluster).isEmpty()) return here;
        for (String other : Ecs.otherClustersOfTheApp(ctx)) {
            List<ScalingApi.Target> there = refreshed(ctx, other);
            if (!there.isEmpty()) return there;
        }
        return List.of();
    }

    /**
     * The targets of the app's services in {@code cluster}, in one call: the service named like the
     * app, every service the spec scales, and every service of the app found there (one no longer
     * scaled, or no longer in the spec, has its target deleted). Read once per refresh: the policy
     * type asks too.
     */
    static List<ScalingApi.Target> refreshed(ResourceContext ctx, String cluster) {
        return ctx.reads().get("scaling:targets:" + cluster, () -> ctx.aws().scaling().describeScalableTargets(candidates(ctx, cluster)));
    }

    private static List<String> candidates(ResourceContext ctx, String cluster) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        ids.add(resourceId(cluster, ctx.app()));
        String prefix = resourceId(cluster, "");
        for (Desired d : ctx.wanted().ofType("scaling-target")) {
            String id = Props.str(d.props(), "resourceId");
            if (id != null && id.startsWith(prefix)) ids.add(id);
        }
        // The service refresh reads these anyway (once per refresh): no call of its own.
        for (Observed s : ServiceType.in(ctx, cluster)) {
            String name = s.output("name");
            if (name != null) ids.add(resourceId(cluster, name));
        }
        return ids.stream().limit(50).toList();
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
