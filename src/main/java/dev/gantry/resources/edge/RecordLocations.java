package dev.gantry.resources.edge;

import dev.gantry.resources.ResourceContext;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the app's DNS records are, kept in the tag {@code gantry:dns-records} of the load balancer
 * they point at ("ZONEID/name", space separated). Records cannot be tagged, and after a rename, a
 * zone change or removing {@code dns} from the spec the spec no longer says where the old record
 * is: this tag does, so the old record is found and deleted instead of left behind.
 */
final class RecordLocations {
    static final String TAG = "gantry:dns-records";

    record Location(String zoneId, String name) {
        @Override public String toString() { return zoneId + "/" + name; }

        static Optional<Location> parse(String s) {
            int slash = s.indexOf('/');
            return slash <= 0 || slash == s.length() - 1 ? Optional.empty() : Optional.of(new Location(s.substring(0, slash), s.substring(slash + 1)));
        }
    }

    private RecordLocations() {}

    /** The locations the app's load balancers remember, read from the refresh's shared ELB inventory. */
    static Set<Location> known(ResourceContext ctx) {
        Set<Location> out = new LinkedHashSet<>();
        ElbLookup.Inventory inv = ElbLookup.inventory(ctx);
        for (ElbLookup.Owned<LoadBalancer> lb : ElbLookup.loadBalancers(ctx, "load-balancer")) {
            out.addAll(parse(inv.tags().get(lb.resource().loadBalancerArn())));
        }
        return out;
    }

    static void add(ResourceContext ctx, Location where) { change(ctx, where, true); }

    static void remove(ResourceContext ctx, Location where) { change(ctx, where, false); }

    private static void change(ResourceContext ctx, Location where, boolean add) {
        Optional<LoadBalancer> lb = ElbLookup.loadBalancerNamed(ctx, EdgeNames.loadBalancer(ctx.app()));
        if (lb.isEmpty()) return;
        String arn = lb.get().loadBalancerArn();
        Set<Location> now = parse(ElbLookup.tags(ctx, List.of(arn)).get(arn));
        boolean changed = add ? now.add(where) : now.remove(where);
        if (!changed) return;
        if (now.isEmpty()) {
            ctx.aws().elb().removeTags(b -> b.resourceArns(arn).tagKeys(TAG));
        } else {
            String value = String.join(" ", now.stream().map(Location::toString).toList());
            ctx.aws().elb().addTags(b -> b.resourceArns(arn).tags(Tag.builder().key(TAG).value(value).build()));
        }
    }

    private static Set<Location> parse(Map<String, String> tags) {
        Set<Location> out = new LinkedHashSet<>();
        String v = tags == null ? null : tags.get(TAG);
        if (v == null) return out;
        for (String part : v.trim().split("\\s+")) Location.parse(part).ifPresent(out::add);
        return out;
    }
}
