package dev.gantry.resources.edge;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Routing;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PriorityInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code listener-rule.SERVICE-N}: one route of a public service, a rule on the app's forwarding
 * listener (host-header and/or path-pattern, forward to the service's target group). gantry
 * chooses its priority from the route alone ({@link Routing}), so edits elsewhere never move it.
 * Rules of the listener that are not the app's (tags) are never read as its, nor touched.
 */
final class ListenerRuleType implements ResourceType {
    @Override public String type() { return "listener-rule"; }

    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.LOAD_BALANCER; }

    @Override public String noun() { return "listener rule"; }

    /** CreateRule answers at once; a new rule takes effect within seconds. */
    @Override public java.time.Duration typicalDuration() { return java.time.Duration.ofSeconds(2); }

    @Override public int tier() { return 4; }

    @Override public Set<String> replaceOn() { return Set.of("listenerArn"); }

    @Override
    public List<Observed> refresh(ResourceContext ctx) {
        List<Observed> out = new ArrayList<>();
        // The app has rules only with several public services (or paths): when the plan wants none
        // and the app has no target group but version 1's, there is none to look for, and a
        // version-1 refresh costs no more reads than before.
        boolean maybe = !ctx.wanted().ofType(type()).isEmpty() || ElbLookup.targetGroups(ctx, "target-group").stream()
                .anyMatch(tg -> !tg.address().equals(dev.gantry.resources.Addresses.TARGET_GROUP));
        if (!maybe) return out;
        for (ElbLookup.Owned<Listener> l : ElbLookup.listeners(ctx, "listener")) {
            out.addAll(ownRules(ctx, l.resource().listenerArn()).values());
        }
        return out;
    }

    /** The app's rules of the listener (by their tags), by address. */
    private Map<Address, Observed> ownRules(ResourceContext ctx, String listenerArn) {
        List<Rule> rules = rulesOf(ctx, listenerArn).stream().filter(r -> !Boolean.TRUE.equals(r.isDefault())).toList();
        Map<Address, Observed> out = new LinkedHashMap<>();
        if (rules.isEmpty()) return out;
        Map<String, Map<String, String>> tags = ElbLookup.tags(ctx, rules.stream().map(Rule::ruleArn).toList());
        for (Rule r : rules) {
            ctx.ownAddress(tags.getOrDefault(r.ruleArn(), Map.of()), type()).ifPresent(a -> out.put(a, observed(a, listenerArn, r)));
        }
        return out;
    }

    private static List<Rule> rulesOf(ResourceContext ctx, String listenerArn) {
        try {
            List<Rule> out = new ArrayList<>();
            String marker = null;
            do {
                String m = marker;
                var page = ctx.aws().elb().describeRules(b -> b.listenerArn(listenerArn).marker(m));
                out.addAll(page.rules());
                marker = page.nextMarker();
            } while (marker != null);
            return out;
        } catch (ListenerNotFoundException gone) {
            return List.of();
        }
    }

    @Override
    public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> {
            String listener = Props.str(props, "listenerArn");
            // A rule made by a run whose reply was lost (or that stopped) is found by its tags first.
            Observed made = ownRules(ctx, listener).get(desired.address());
            if (made != null) return StepResult.done(made);
            for (int attempt = 1; ; attempt++) {
                int priority = freePriority(ctx, listener, Props.integer(props, "priority"), null);
                try {
                    Rule r = ctx.aws().elb().createRule(b -> b.listenerArn(listener).priority(priority).conditions(conditions(props))
                            .actions(forward(props)).tags(ElbLookup.tags(ctx, desired))).rules().get(0);
                    return StepResult.done(observed(desired.address(), listener, r));
                } catch (PriorityInUseException taken) {
                    // Another rule took it after the read (a rule of the same slot made at the same time, or someone's): read again.
                    if (attempt == PRIORITY_ATTEMPTS) throw taken;
                }
            }
        };
    }

    @Override
    public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            String listener = Props.str(props, "listenerArn");
            ctx.aws().elb().modifyRule(b -> b.ruleArn(current.id()).conditions(conditions(props)).actions(forward(props)));
            int slot = Props.integer(props, "priority");
            if (!Integer.valueOf(slot).equals(Props.integer(current.props(), "priority"))) {
                for (int attempt = 1; ; attempt++) {
                    int priority = freePriority(ctx, listener, slot, current.id());
                    try {
                        ctx.aws().elb().setRulePriorities(b -> b.rulePriorities(RulePriorityPair.builder().ruleArn(current.id()).priority(priority).build()));
                        break;
                    } catch (PriorityInUseException taken) {
                        if (attempt == PRIORITY_ATTEMPTS) throw taken;
                    }
                }
            }
            Rule r = ctx.aws().elb().describeRules(b -> b.ruleArns(current.id())).rules().get(0);
            return StepResult.done(observed(desired.address(), listener, r));
        };
    }

    @Override
    public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            try {
                ctx.aws().elb().deleteRule(b -> b.ruleArn(current.id()));
            } catch (RuleNotFoundException | ListenerNotFoundException gone) {
                // deleting the listener (or the load balancer) already took it
            }
            return StepResult.done(current);
        };
    }

    /** How often a rule reads the listener again when the priority it chose was taken before its call. */
    private static final int PRIORITY_ATTEMPTS = 5;

    /** The lowest priority of the slot that no rule of the listener (the app's or anyone's) holds. */
    private static int freePriority(ResourceContext ctx, String listener, int slot, String self) {
        Set<Integer> taken = new HashSet<>();
        for (Rule r : rulesOf(ctx, listener)) {
            if (Boolean.TRUE.equals(r.isDefault()) || r.ruleArn().equals(self)) continue;
            taken.add(Integer.parseInt(r.priority()));
        }
        for (int p = slot; p < slot + Routing.SLOT_WIDTH; p++) if (!taken.contains(p)) return p;
        throw new dev.gantry.aws.AwsFailure(dev.gantry.aws.AwsFailure.Kind.INVALID, "every priority from " + slot + " to "
                + (slot + Routing.SLOT_WIDTH - 1) + " of the listener " + listener + " is taken by other rules",
                "delete rules of the listener that are not the app's in that range (aws elbv2 describe-rules --listener-arn " + listener + ")");
    }

    private static List<RuleCondition> conditions(Map<String, Object> props) {
        List<RuleCondition> out = new ArrayList<>();
        String host = Props.str(props, "host"), path = Props.str(props, "path");
        if (host != null && !host.isEmpty()) out.add(RuleCondition.builder().field("host-header").hostHeaderConfig(h -> h.values(host)).build());
        if (path != null && !path.isEmpty()) out.add(RuleCondition.builder().field("path-pattern").pathPatternConfig(p -> p.values(path)).build());
        return out;
    }

    private static Action forward(Map<String, Object> props) {
        return Action.builder().type("forward").targetGroupArn(Props.str(props, "targetGroupArn")).build();
    }

    static Observed observed(Address a, String listenerArn, Rule r) {
        String host = "", path = "";
        for (RuleCondition c : r.conditions()) {
            List<String> values = "host-header".equals(c.field()) && c.hostHeaderConfig() != null ? c.hostHeaderConfig().values()
                    : "path-pattern".equals(c.field()) && c.pathPatternConfig() != null ? c.pathPatternConfig().values() : c.values();
            String v = values.isEmpty() ? "" : String.join(",", values);
            if ("host-header".equals(c.field())) host = v;
            if ("path-pattern".equals(c.field())) path = v;
        }
        String tg = "";
        if (!r.actions().isEmpty()) {
            Action act = r.actions().get(0);
            tg = act.targetGroupArn() != null ? act.targetGroupArn()
                    : act.forwardConfig() != null && !act.forwardConfig().targetGroups().isEmpty() ? act.forwardConfig().targetGroups().get(0).targetGroupArn() : "";
        }
        int priority = "default".equals(r.priority()) ? 0 : Routing.slotOf(Integer.parseInt(r.priority()));
        Map<String, Object> props = Props.props().put("listenerArn", listenerArn).put("priority", priority).put("host", host).put("path", path)
                .put("targetGroupArn", tg).build();
        return new Observed(a, r.ruleArn(), props, Map.of("id", r.ruleArn(), "arn", r.ruleArn()));
    }

}
