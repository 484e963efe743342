package dev.gantry.resources.compute;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code scaling-policy.cpu}: target tracking on the service's average CPU. */
final class ScalingPolicyType implements ResourceType {
    @Override public String type() { return "scaling-policy"; }
    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.SERVICE; }
    @Override public String noun() { return "scaling policy"; }
    @Override public int tier() { return 6; }
    @Override public Set<String> replaceOn() { return Set.of("resourceId", "policyName"); }

    static String policyName(String app, String name) { return app + "-" + name; }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        // Policies carry no tags: they belong to the app when its (tagged) target exists and the name is gantry's.
        String prefix = ctx.app() + "-";
        List<Observed> out = new java.util.ArrayList<>();
        for (var target : ScalingTargetType.current(ctx)) {
            if (!ctx.app().equals(target.tags().get(ResourceContext.TAG_APP))) continue;
            ctx.aws().scaling().describePolicies(target.resourceId()).stream().filter(p -> p.policyName().startsWith(prefix))
                    .map(p -> observed(Address.of("scaling-policy", p.policyName().substring(prefix.length())), p.resourceId(), p.policyName(), p.cpuTarget()))
                    .forEach(out::add);
        }
        return out;
    }

    private static Observed observed(Address a, String resourceId, String policyName, double target) {
        return new Observed(a, policyName, Props.props().put("resourceId", resourceId).put("policyName", policyName)
                .put("cpuTarget", (int) Math.round(target)).build(), Map.of("id", policyName, "name", policyName));
    }

    private Step put(ResourceContext ctx, Address a, Map<String, Object> props) {
        return () -> {
            String id = Props.str(props, "resourceId");
            String name = Props.str(props, "policyName");
            ctx.aws().scaling().putCpuPolicy(id, name, Props.integer(props, "cpuTarget"));
            return StepResult.done(observed(a, id, name, Props.integer(props, "cpuTarget")));
        };
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) { return put(ctx, desired.address(), props); }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return put(ctx, desired.address(), props);
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            String id = Props.str(current.props(), "resourceId");
            if (ctx.aws().scaling().describePolicies(id).stream().anyMatch(p -> p.policyName().equals(current.id()))) {
                ctx.aws().scaling().deletePolicy(id, current.id());
            }
            return StepResult.done(current);
        };
    }
}
