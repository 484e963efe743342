package dev.gantry.resources.network;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Claim;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Filter;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code security-group.load-balancer}, {@code security-group.service}: who may connect to what.
 * {@code ingress} lists TCP rules as {@code {port, cidr}} or {@code {port, sourceGroup}}; changes
 * are applied rule by rule, so connections that stay allowed are never interrupted. A source group
 * of {@link #SELF} is the group itself (its members may connect to each other on that port): its
 * own id is not known before it is made.
 */
public final class SecurityGroupType implements ResourceType {
    /** Sorts rules the same way in desired and observed props, so equal sets compare equal. */
    static final Comparator<Map<String, Object>> RULE_ORDER = Comparator
            .comparing((Map<String, Object> r) -> ((Number) r.get("port")).intValue())
            .thenComparing(r -> String.valueOf(r.getOrDefault("cidr", "")))
            .thenComparing(r -> String.valueOf(r.getOrDefault("sourceGroup", "")));

    /** The {@code sourceGroup} that names the group itself. */
    public static final String SELF = "self";

    @Override public String type() { return "security-group"; }

    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.SECURITY; }

    @Override public String noun() { return "security group"; }

    @Override public int tier() { return 1; }

    @Override public Set<String> replaceOn() { return Set.of("vpcId", "description"); }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        List<Observed> out = new ArrayList<>();
        for (SecurityGroup g : ctx.aws().ec2().describeSecurityGroups(b -> b.filters(Ec2Tagging.appFilter(ctx))).securityGroups()) {
            Ec2Tagging.addressOf(ctx, g.tags(), type()).ifPresent(a -> out.add(observe(a, g)));
        }
        return out;
    }

    /**
     * Group names are unique within a VPC: one already named as gantry would name this one, and not
     * the app's, would make the create fail. Nothing to check while the VPC itself is still to be made.
     */
    @Override public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String vpcId = Props.str(props, "vpcId");
        if (vpcId == null) return Optional.empty();
        String name = ctx.name(desired.address().name());
        return ctx.aws().ec2().describeSecurityGroups(b -> b.filters(Filter.builder().name("group-name").values(name).build(),
                        Filter.builder().name("vpc-id").values(vpcId).build())).securityGroups().stream()
                .filter(g -> name.equals(g.groupName()) && vpcId.equals(g.vpcId())).findFirst()
                .map(g -> new Claim(observe(desired.address(), g), "the security group " + name + " (" + g.groupId() + ") in " + vpcId,
                        tagMap(g), "app"));
    }

    private static Map<String, String> tagMap(SecurityGroup g) {
        Map<String, String> m = new LinkedHashMap<>();
        g.tags().forEach(t -> m.put(t.key(), t.value()));
        return m;
    }

    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().ec2().createTags(b -> b.resources(existing.id()).tags(Ec2Tagging.spec(ctx, desired.address(), "security-group").tags()));
            return StepResult.done(existing);
        };
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> {
            Ec2Client ec2 = ctx.aws().ec2();
            java.util.function.Supplier<Optional<String>> own = () -> Ec2Tagging.own(ctx, desired.address(),
                    ec2.describeSecurityGroups(b -> b.filters(Ec2Tagging.ownFilters(ctx, desired.address())))
                    .securityGroups(), SecurityGroup::tags, SecurityGroup::vpcId, Props.str(props, "vpcId")).map(SecurityGroup::groupId);
            boolean[] made = {false};
            String id = Ec2Tagging.findOrCreate(ctx, desired.address(), own, () -> make(ctx, desired, props, own, made));
            // A group this call made has no inbound rules yet (EC2 user guide, "Security groups":
            // a new group starts with no inbound rules and one outbound rule allowing all), so
            // its rules are not read first; one found again (a re-run, a lost reply) is.
            SecurityGroup fresh = made[0] ? SecurityGroup.builder().groupId(id).vpcId(Props.str(props, "vpcId"))
                    .description(Props.str(props, "description")).ipPermissions(List.of()).build() : null;
            return StepResult.done(observe(desired.address(), reconcile(ctx, id, props, true, fresh).now(ctx, id)));
        };
    }

    /** {@code made} is set when CreateSecurityGroup answered, so the group is new. */
    private static String make(ResourceContext ctx, Desired desired, Map<String, Object> props, java.util.function.Supplier<Optional<String>> own,
                               boolean[] made) {
        String name = ctx.name(desired.address().name());
        try {
            String id = ctx.aws().ec2().createSecurityGroup(b -> b.vpcId(Props.str(props, "vpcId")).groupName(name)
                    .description(Props.str(props, "description"))
                    .tagSpecifications(Ec2Tagging.spec(ctx, desired.address(), "security-group")).overrideConfiguration(Ec2Tagging::noBlindResend)).groupId();
            made[0] = true;
            return id;
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            if (!Ec2Tagging.hasCode(e, "InvalidGroup.Duplicate")) throw e;
            // The name is taken: by this group itself when an earlier send took effect unseen.
            Optional<String> mine = own.get();
            if (mine.isPresent()) return mine.get();
            throw new dev.gantry.aws.AwsFailure(dev.gantry.aws.AwsFailure.Kind.CONFLICT,
                    "a security group named " + name + " already exists in " + props.get("vpcId") + " and is not gantry's for " + ctx.app(),
                    "run 'gantry plan' to see it; take it over with 'gantry apply --adopt " + desired.address() + "', or delete it, or change app in gantry.yaml", e);
        }
    }

    /**
     * New rules go in at once; rules no longer wanted are removed only after the rest of the run
     * (the service's rollout above all) has finished, because until then the old tasks still
     * answer on the old port, and a rollback would bring them back.
     */
    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            Reconciled r = reconcile(ctx, current.id(), props, false);
            List<Map<String, Object>> stale = r.stale();
            Observed now = observe(current.address(), r.now(ctx, current.id()));
            if (stale.isEmpty()) return StepResult.done(now);
            return StepResult.doneThen(now, "remove " + words(stale), () -> {
                return StepResult.done(observe(current.address(), reconcile(ctx, current.id(), props, true).now(ctx, current.id())));
            });
        };
    }

    /**
     * What {@link #reconcile} did: the rules still to remove, and the group as it is now when that
     * is known without asking again (rules were only added: AWS answered the authorize, so the
     * group holds what it held plus those), else null.
     */
    private record Reconciled(List<Map<String, Object>> stale, SecurityGroup after) {
        SecurityGroup now(ResourceContext ctx, String groupId) { return after != null ? after : describe(ctx, groupId); }
    }

    /** Adds the missing rules, and removes the unwanted ones when {@code remove}. */
    private static Reconciled reconcile(ResourceContext ctx, String groupId, Map<String, Object> props, boolean remove) {
        return reconcile(ctx, groupId, props, remove, null);
    }

    /** {@code known}: the group as it is now when that is known without asking (just made), else null. */
    private static Reconciled reconcile(ResourceContext ctx, String groupId, Map<String, Object> props, boolean remove, SecurityGroup known) {
        Ec2Client ec2 = ctx.aws().ec2();
        List<Map<String, Object>> want = rules(props.get("ingress"));
        SecurityGroup before = known != null ? known : describe(ctx, groupId);
        List<Map<String, Object>> have = ingress(before);
        List<IpPermission> add = want.stream().filter(r -> !have.contains(r)).map(r -> permission(r, groupId)).toList();
        List<Map<String, Object>> stale = have.stream().filter(r -> !want.contains(r)).toList();
        // Allow the new before removing the old, so a changed rule never leaves a gap.
        boolean[] answered = {true};
        if (!add.isEmpty()) {
            Ec2Tagging.verifyingAlreadyDone(() -> ec2.authorizeSecurityGroupIngress(b -> b.groupId(groupId).ipPermissions(add)),
                    () -> { answered[0] = false; return ingress(describe(ctx, groupId)).containsAll(want); }, "InvalidPermission.Duplicate");
        }
        List<IpPermission> all = new ArrayList<>(before.ipPermissions());
        all.addAll(add);
        SecurityGroup after = answered[0] ? before.toBuilder().ipPermissions(all).build() : null;
        if (!remove || stale.isEmpty()) return new Reconciled(stale, after);
        ec2.revokeSecurityGroupIngress(b -> b.groupId(groupId).ipPermissions(stale.stream().map(r -> permission(r, groupId)).toList()));
        return new Reconciled(List.of(), null);
    }

    private static SecurityGroup describe(ResourceContext ctx, String groupId) {
        return ctx.aws().ec2().describeSecurityGroups(b -> b.groupIds(groupId)).securityGroups().get(0);
    }

    /** "the rule for port 80 from sg-0abc", "the rules for port 80 from 0.0.0.0/0, port 443 from 0.0.0.0/0". */
    static String words(List<Map<String, Object>> rules) {
        List<String> each = rules.stream().map(r -> "port " + r.get("port") + " from "
                + (SELF.equals(r.get("sourceGroup")) ? "the group's own members" : r.getOrDefault("cidr", r.get("sourceGroup")))).toList();
        return (each.size() == 1 ? "the rule for " : "the rules for ") + String.join(", ", each);
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            Ec2Tagging.ignoringGone(() -> ctx.aws().ec2().deleteSecurityGroup(b -> b.groupId(current.id())), "InvalidGroup.NotFound");
            return StepResult.done(current);
        };
    }

    /** One TCP rule as the props show it: sorted keys, port as Integer. */
    static Map<String, Object> rule(int port, String key, Object value) {
        Map<String, Object> r = new TreeMap<>();
        r.put("port", port);
        r.put(key, value);
        return r;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules(Object o) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) {
                Map<String, Object> m = (Map<String, Object>) x;
                int port = ((Number) m.get("port")).intValue();
                if (m.containsKey("cidr")) out.add(rule(port, "cidr", String.valueOf(m.get("cidr"))));
                else out.add(rule(port, "sourceGroup", String.valueOf(m.get("sourceGroup"))));
            }
        }
        out.sort(RULE_ORDER);
        return out;
    }

    private static List<Map<String, Object>> ingress(SecurityGroup g) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (IpPermission p : g.ipPermissions()) {
            // gantry only writes single-port TCP rules; other shapes (added by hand) are left alone,
            // since they could not be written back through these props.
            if (!"tcp".equals(p.ipProtocol()) || p.fromPort() == null || !p.fromPort().equals(p.toPort())) continue;
            int port = p.fromPort();
            for (IpRange r : p.ipRanges()) out.add(rule(port, "cidr", r.cidrIp()));
            for (UserIdGroupPair u : p.userIdGroupPairs()) {
                out.add(rule(port, "sourceGroup", u.groupId() != null && u.groupId().equals(g.groupId()) ? SELF : u.groupId()));
            }
        }
        out.sort(RULE_ORDER);
        return out;
    }

    private static IpPermission permission(Map<String, Object> r, String groupId) {
        int port = ((Number) r.get("port")).intValue();
        IpPermission.Builder b = IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port);
        String source = Props.str(r, "sourceGroup");
        if (r.containsKey("cidr")) b.ipRanges(IpRange.builder().cidrIp(Props.str(r, "cidr")).build());
        else b.userIdGroupPairs(UserIdGroupPair.builder().groupId(SELF.equals(source) ? groupId : source).build());
        return b.build();
    }

    private static Observed observe(Address address, SecurityGroup g) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("vpcId", g.vpcId());
        props.put("description", g.description());
        props.put("ingress", ingress(g));
        return new Observed(address, g.groupId(), props, Map.of("id", g.groupId()));
    }
}
