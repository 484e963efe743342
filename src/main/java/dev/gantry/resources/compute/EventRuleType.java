package dev.gantry.resources.compute;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Piece;
import dev.gantry.resources.Claim;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code event-rule.task-stopped}: an EventBridge rule on the default bus that sends the alerts
 * topic ECS's "ECS Task State Change" event of each task of the app's services (one rule whose
 * pattern lists every service's group, so the topic's policy names one rule) that stops with a
 * non-zero exit code. No CloudWatch metric counts such stops (the service's running count only
 * drops for a moment), so the event is the signal AWS offers.
 */
final class EventRuleType implements ResourceType {
    /** The one target the rule has. */
    static final String TARGET_ID = "alerts-topic";

    @Override public String type() { return "event-rule"; }
    @Override public String noun() { return "EventBridge rule"; }
    @Override public Piece piece() { return Piece.ALERTS; }
    /** PutRule and PutTargets. */
    @Override public java.time.Duration typicalDuration() { return java.time.Duration.ofSeconds(2); }
    @Override public int tier() { return 1; }
    @Override public Set<String> replaceOn() { return Set.of("name"); }

    static String name(String app) { return app + "-task-stopped"; }

    /** Stopped tasks of the app's services (their ECS names) whose container exited with anything but 0. */
    static String pattern(String clusterArn, List<String> services) { return dev.gantry.spec.Alerts.taskStoppedPattern(clusterArn, services); }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        if (!TopicType.alertsMayExist(ctx)) return List.of();
        return find(ctx, name(ctx.app())).flatMap(r -> ctx.ownAddress(tags(ctx.aws().events(), r.arn()), type()).map(a -> observed(ctx, a, r)))
                .map(List::of).orElse(List.of());
    }

    private static Optional<DescribeRuleResponse> find(ResourceContext ctx, String name) {
        try {
            return Optional.of(ctx.aws().events().describeRule(b -> b.name(name)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> tags(EventBridgeClient events, String arn) {
        Map<String, String> t = new TreeMap<>();
        for (Tag tag : events.listTagsForResource(b -> b.resourceARN(arn)).tags()) t.put(tag.key(), tag.value());
        return t;
    }

    private static Observed observed(ResourceContext ctx, Address a, DescribeRuleResponse r) {
        List<Target> targets = ctx.aws().events().listTargetsByRule(b -> b.rule(r.name())).targets();
        String topic = targets.size() == 1 && TARGET_ID.equals(targets.get(0).id()) ? targets.get(0).arn() : null;
        // The pattern is gantry's own for one cluster and its services: read back as those, or as nothing when edited by hand.
        String cluster = null;
        List<String> services = null;
        try {
            var p = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.eventPattern() == null ? "{}" : r.eventPattern());
            String c = p.at("/detail/clusterArn/0").asText(null);
            List<String> groups = new java.util.ArrayList<>();
            for (var g : p.at("/detail/group")) groups.add(g.asText(""));
            List<String> names = groups.stream().filter(g -> g.startsWith("service:")).map(g -> g.substring(8)).toList();
            if (c != null && !names.isEmpty() && r.eventPattern().equals(pattern(c, names))) {
                cluster = c;
                services = names;
            }
        } catch (java.io.IOException e) {
            // not JSON: nothing of gantry's pattern is left
        }
        return new Observed(a, r.name(), Props.props().put("name", r.name()).put("clusterArn", cluster).put("services", services)
                .put("enabled", "ENABLED".equals(r.stateAsString())).put("topicArn", topic).build(),
                Map.of("id", r.name(), "name", r.name(), "arn", r.arn()));
    }

    @Override public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        return find(ctx, name).map(r -> new Claim(observed(ctx, desired.address(), r), "the EventBridge rule " + name,
                tags(ctx.aws().events(), r.arn()), "app"));
    }

    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().events().tagResource(b -> b.resourceARN(existing.output("arn")).tags(tagList(ctx.tags(desired.address()))));
            return StepResult.done(existing);
        };
    }

    private static List<Tag> tagList(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static Step write(ResourceContext ctx, Address address, Map<String, Object> props, boolean create) {
        String name = Props.str(props, "name");
        return () -> {
            // PutRule creates or updates; its tags count only when it creates.
            ctx.aws().events().putRule(b -> {
                b.name(name).eventPattern(pattern(Props.str(props, "clusterArn"), Props.strings(props, "services"))).state("ENABLED")
                        .description("gantry: tasks of " + ctx.app() + " that stop with a non-zero exit code, to the alerts topic");
                if (create) b.tags(tagList(ctx.tags(address)));
            });
            ctx.aws().events().putTargets(b -> b.rule(name).targets(Target.builder().id(TARGET_ID).arn(Props.str(props, "topicArn")).build()));
            return StepResult.done(find(ctx, name).map(r -> observed(ctx, address, r))
                    .orElseThrow(() -> new IllegalStateException("rule " + name + " vanished right after it was written")));
        };
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) { return write(ctx, desired.address(), props, true); }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return write(ctx, desired.address(), props, false);
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            // EventBridge refuses to delete a rule that still has targets.
            try {
                ctx.aws().events().removeTargets(b -> b.rule(current.id()).ids(TARGET_ID));
            } catch (ResourceNotFoundException e) {
                return StepResult.done(current);
            }
            ctx.aws().events().deleteRule(b -> b.name(current.id()));
            return StepResult.done(current);
        };
    }
}
