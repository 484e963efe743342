package dev.gantry.resources.edge;

import dev.gantry.plan.Address;
import dev.gantry.resources.ResourceContext;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finding the app's ELB resources. ELBv2 has no tag filter on its Describe calls, so this lists
 * everything, reads tags with DescribeTags (at most 20 ARNs a call, load balancers, target groups
 * and listeners mixed) and keeps what carries {@code gantry:app = APP}, keyed by the address in
 * {@code gantry:component}. A refresh reads all of it once, shared by the three ELB types.
 */
final class ElbLookup {
    static final int TAG_BATCH = 20;

    /** The app's tags for {@code desired}, in ELB's shape: passed in every ELB create call. */
    static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> tags(ResourceContext ctx, dev.gantry.plan.Desired desired) {
        return ctx.tags(desired.address()).entrySet().stream()
                .map(e -> software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
    }

    private ElbLookup() {}

    record Owned<T>(Address address, T resource) {}

    /**
     * The region's load balancers and target groups, the listeners of the app's load balancer, and
     * the tags of all of them: what the three ELB types' refreshes need, read once per refresh.
     */
    record Inventory(List<LoadBalancer> loadBalancers, List<TargetGroup> targetGroups, List<Listener> listeners,
                     Map<String, Map<String, String>> tags) {}

    static Inventory inventory(ResourceContext ctx) {
        return ctx.reads().get("elb:inventory", () -> readInventory(ctx));
    }

    private static Inventory readInventory(ResourceContext ctx) {
        ElasticLoadBalancingV2Client elb = ctx.aws().elb();
        List<LoadBalancer> lbs = elb.describeLoadBalancersPaginator(b -> {}).loadBalancers().stream().toList();
        List<TargetGroup> tgs = elb.describeTargetGroupsPaginator(b -> {}).targetGroups().stream().toList();

        // Listeners are read per load balancer. gantry names the app's APP-alb, so that one's are read
        // before the tags are known and all tags come in the same DescribeTags calls.
        String ours = EdgeNames.loadBalancer(ctx.app());
        List<Listener> listeners = new ArrayList<>();
        for (LoadBalancer lb : lbs) if (lb.loadBalancerName().equals(ours)) listeners.addAll(listenersOf(ctx, lb));
        List<String> arns = new ArrayList<>();
        lbs.forEach(lb -> arns.add(lb.loadBalancerArn()));
        tgs.forEach(tg -> arns.add(tg.targetGroupArn()));
        listeners.forEach(l -> arns.add(l.listenerArn()));
        Map<String, Map<String, String>> tags = tags(ctx, arns);

        // The tags are the contract, not the name: an app's load balancer under another name still counts.
        List<Listener> more = new ArrayList<>();
        for (LoadBalancer lb : lbs) {
            if (!lb.loadBalancerName().equals(ours) && ownedBy(ctx, tags.get(lb.loadBalancerArn()))) more.addAll(listenersOf(ctx, lb));
        }
        if (!more.isEmpty()) {
            listeners.addAll(more);
            tags.putAll(tags(ctx, more.stream().map(Listener::listenerArn).toList()));
        }
        return new Inventory(List.copyOf(lbs), List.copyOf(tgs), List.copyOf(listeners), Map.copyOf(tags));
    }

    private static List<Listener> listenersOf(ResourceContext ctx, LoadBalancer lb) {
        List<Listener> out = new ArrayList<>();
        try {
            // The paginator reads page after page as the loop asks for them.
            for (Listener l : ctx.aws().elb().describeListenersPaginator(b -> b.loadBalancerArn(lb.loadBalancerArn())).listeners()) out.add(l);
        } catch (LoadBalancerNotFoundException gone) {
            // deleted between the two calls: it has no listeners left
        }
        return out;
    }

    static List<Owned<LoadBalancer>> loadBalancers(ResourceContext ctx, String type) {
        Inventory inv = inventory(ctx);
        return owned(ctx, inv.loadBalancers(), LoadBalancer::loadBalancerArn, type, inv.tags());
    }

    static List<Owned<TargetGroup>> targetGroups(ResourceContext ctx, String type) {
        Inventory inv = inventory(ctx);
        return owned(ctx, inv.targetGroups(), TargetGroup::targetGroupArn, type, inv.tags());
    }

    /** Listeners of the app's load balancers that carry the app's tags. */
    static List<Owned<Listener>> listeners(ResourceContext ctx, String type) {
        Inventory inv = inventory(ctx);
        Set<String> ownLbs = new HashSet<>();
        for (Owned<LoadBalancer> lb : owned(ctx, inv.loadBalancers(), LoadBalancer::loadBalancerArn, "load-balancer", inv.tags())) {
            ownLbs.add(lb.resource().loadBalancerArn());
        }
        List<Listener> ofOwn = inv.listeners().stream().filter(l -> ownLbs.contains(l.loadBalancerArn())).toList();
        return owned(ctx, ofOwn, Listener::listenerArn, type, inv.tags());
    }

    /**
     * Within a refresh (the claimant asks right after it), the inventory already holds every load
     * balancer of the region, all pages: the one of that name is taken from it instead of asked again.
     */
    static Optional<LoadBalancer> loadBalancerNamed(ResourceContext ctx, String name) {
        if (ctx.reads().shared()) return inventory(ctx).loadBalancers().stream().filter(lb -> lb.loadBalancerName().equals(name)).findFirst();
        try {
            return ctx.aws().elb().describeLoadBalancers(b -> b.names(name)).loadBalancers().stream().findFirst();
        } catch (LoadBalancerNotFoundException e) {
            return Optional.empty();
        }
    }

    /** As {@link #loadBalancerNamed}: within a refresh, from the inventory's target groups. */
    static Optional<TargetGroup> targetGroupNamed(ResourceContext ctx, String name) {
        if (ctx.reads().shared()) return inventory(ctx).targetGroups().stream().filter(tg -> tg.targetGroupName().equals(name)).findFirst();
        try {
            return ctx.aws().elb().describeTargetGroups(b -> b.names(name)).targetGroups().stream().findFirst();
        } catch (TargetGroupNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Tags of the given ARNs, read 20 at a time. */
    static Map<String, Map<String, String>> tags(ResourceContext ctx, List<String> arns) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (int i = 0; i < arns.size(); i += TAG_BATCH) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + TAG_BATCH));
            for (TagDescription d : ctx.aws().elb().describeTags(b -> b.resourceArns(batch)).tagDescriptions()) {
                Map<String, String> t = new HashMap<>();
                d.tags().forEach(tag -> t.put(tag.key(), tag.value()));
                out.put(d.resourceArn(), t);
            }
        }
        return out;
    }

    /** The tags of one ELB resource (empty when it has none). */
    static Map<String, String> tagsOf(ResourceContext ctx, String arn) {
        return tags(ctx, List.of(arn)).getOrDefault(arn, Map.of());
    }

    /** Gives an existing ELB resource the app's tags (taking it over). */
    static void tag(ResourceContext ctx, String arn, dev.gantry.plan.Desired desired) {
        ctx.aws().elb().addTags(b -> b.resourceArns(arn).tags(tags(ctx, desired)));
    }

    /** A take-over of a load balancer, target group or listener: only gantry's tags are added. */
    static dev.gantry.resources.Step tagging(ResourceContext ctx, dev.gantry.plan.Observed existing, dev.gantry.plan.Desired desired) {
        return () -> {
            tag(ctx, existing.id(), desired);
            return dev.gantry.resources.StepResult.done(existing);
        };
    }

    static boolean ownedBy(ResourceContext ctx, Map<String, String> tags) {
        return tags != null && ctx.app().equals(tags.get(ResourceContext.TAG_APP));
    }

    private static <T> List<Owned<T>> owned(ResourceContext ctx, List<T> all, Function<T, String> arn, String type,
                                            Map<String, Map<String, String>> tags) {
        List<Owned<T>> out = new ArrayList<>();
        for (T r : all) {
            Map<String, String> t = tags.get(arn.apply(r));
            if (!ownedBy(ctx, t)) continue;
            String component = t.get(ResourceContext.TAG_COMPONENT);
            if (component == null || !component.startsWith(type + ".")) continue;
            Address address = Address.parse(component);
            ctx.sawTags(address, t);
            out.add(new Owned<>(address, r));
        }
        return out;
    }
}
