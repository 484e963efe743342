package dev.gantry.resources.edge;

import dev.gantry.plan.Address;
import dev.gantry.resources.ResourceContext;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finding the app's ELB resources. ELBv2 has no tag filter on its Describe calls, so this lists
 * everything, reads tags with DescribeTags (at most 20 ARNs a call) and keeps what carries
 * {@code gantry:app = APP}, keyed by the address in {@code gantry:component}.
 */
final class ElbLookup {
    static final int TAG_BATCH = 20;

    private ElbLookup() {}

    record Owned<T>(Address address, T resource) {}

    static List<Owned<LoadBalancer>> loadBalancers(ResourceContext ctx, String type) {
        ElasticLoadBalancingV2Client elb = ctx.aws().elb();
        List<LoadBalancer> all = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            DescribeLoadBalancersResponse page = elb.describeLoadBalancers(b -> b.marker(m));
            all.addAll(page.loadBalancers());
            marker = page.nextMarker();
        } while (marker != null);
        return owned(ctx, all, LoadBalancer::loadBalancerArn, type);
    }

    static List<Owned<TargetGroup>> targetGroups(ResourceContext ctx, String type) {
        ElasticLoadBalancingV2Client elb = ctx.aws().elb();
        List<TargetGroup> all = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            DescribeTargetGroupsResponse page = elb.describeTargetGroups(b -> b.marker(m));
            all.addAll(page.targetGroups());
            marker = page.nextMarker();
        } while (marker != null);
        return owned(ctx, all, TargetGroup::targetGroupArn, type);
    }

    /** Listeners of the app's load balancers that carry the app's tags. */
    static List<Owned<Listener>> listeners(ResourceContext ctx, String type) {
        ElasticLoadBalancingV2Client elb = ctx.aws().elb();
        List<Listener> all = new ArrayList<>();
        for (Owned<LoadBalancer> lb : loadBalancers(ctx, "load-balancer")) {
            String marker = null;
            do {
                String m = marker;
                DescribeListenersResponse page;
                try {
                    page = elb.describeListeners(b -> b.loadBalancerArn(lb.resource().loadBalancerArn()).marker(m));
                } catch (LoadBalancerNotFoundException gone) {
                    break; // deleted between the two calls
                }
                all.addAll(page.listeners());
                marker = page.nextMarker();
            } while (marker != null);
        }
        return owned(ctx, all, Listener::listenerArn, type);
    }

    static Optional<LoadBalancer> loadBalancerNamed(ResourceContext ctx, String name) {
        try {
            return ctx.aws().elb().describeLoadBalancers(b -> b.names(name)).loadBalancers().stream().findFirst();
        } catch (LoadBalancerNotFoundException e) {
            return Optional.empty();
        }
    }

    static Optional<TargetGroup> targetGroupNamed(ResourceContext ctx, String name) {
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

    static boolean ownedBy(ResourceContext ctx, Map<String, String> tags) {
        return tags != null && ctx.app().equals(tags.get(ResourceContext.TAG_APP));
    }

    private static <T> List<Owned<T>> owned(ResourceContext ctx, List<T> all, Function<T, String> arn, String type) {
        Map<String, Map<String, String>> tags = tags(ctx, all.stream().map(arn).toList());
        List<Owned<T>> out = new ArrayList<>();
        for (T r : all) {
            Map<String, String> t = tags.get(arn.apply(r));
            if (!ownedBy(ctx, t)) continue;
            String component = t.get(ResourceContext.TAG_COMPONENT);
            if (component == null || !component.startsWith(type + ".")) continue;
            out.add(new Owned<>(Address.parse(component), r));
        }
        return out;
    }
}
