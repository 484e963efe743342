package dev.gantry.aws.sim;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.*;

import java.util.ArrayList;
import java.util.List;

/**
 * Simulated EventBridge rules on the default bus: PutRule (create or update; tags only on create),
 * DescribeRule, DeleteRule (refused while the rule has targets), PutTargets / RemoveTargets /
 * ListTargetsByRule and tags, with the EventBridge API reference's rules.
 */
public final class SimEventBridge implements EventBridgeClient {
    private final SimWorld world;

    public SimEventBridge(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        AwsServiceException.Builder b = switch (code) {
            case "ResourceNotFoundException" -> ResourceNotFoundException.builder();
            case "InvalidEventPatternException" -> InvalidEventPatternException.builder();
            case "LimitExceededException" -> LimitExceededException.builder();
            default -> EventBridgeException.builder();
        };
        return SimErrors.error(b, "EventBridge", status, code, message);
    }

    private EventsState st() { return world.state.events; }

    private EventsState.RuleRec rule(String name) {
        EventsState.RuleRec r = name == null ? null : st().rules.get(name);
        if (r == null) throw err(400, "ResourceNotFoundException", "Rule " + name + " does not exist on EventBus default.");
        return r;
    }

    @Override public PutRuleResponse putRule(PutRuleRequest req) {
        return world.mutate("events:PutRule", this::err, () -> {
            String name = req.name();
            if (name == null || !name.matches("[\\.\\-_A-Za-z0-9]{1,64}")) throw err(400, "ValidationException", "1 validation error detected: Value at 'name' failed to satisfy constraint");
            if (req.eventPattern() == null && req.scheduleExpression() == null) throw err(400, "ValidationException", "Parameter(s) EventPattern or ScheduleExpression must be specified.");
            if (req.eventPattern() != null) {
                try {
                    if (!new com.fasterxml.jackson.databind.ObjectMapper().readTree(req.eventPattern()).isObject()) throw new java.io.IOException();
                } catch (java.io.IOException e) {
                    throw err(400, "InvalidEventPatternException", "Event pattern is not valid. Reason: it is not a JSON object");
                }
            }
            EventsState.RuleRec r = st().rules.get(name);
            if (r == null) {
                r = new EventsState.RuleRec();
                r.name = name;
                r.arn = "arn:aws:events:" + world.region() + ":" + world.accountId() + ":rule/" + name;
                for (Tag t : req.tags()) r.tags.put(t.key(), t.value());
                st().rules.put(name, r);
            }
            r.eventPattern = req.eventPattern();
            r.description = req.description();
            r.state = req.state() == null ? "ENABLED" : req.stateAsString();
            return PutRuleResponse.builder().ruleArn(r.arn).build();
        });
    }

    @Override public DescribeRuleResponse describeRule(DescribeRuleRequest req) {
        return world.read("events:DescribeRule", this::err, () -> {
            EventsState.RuleRec r = rule(req.name());
            return DescribeRuleResponse.builder().name(r.name).arn(r.arn).eventPattern(r.eventPattern).state(r.state)
                    .description(r.description).eventBusName("default").createdBy(world.accountId()).build();
        });
    }

    @Override public DeleteRuleResponse deleteRule(DeleteRuleRequest req) {
        return world.mutate("events:DeleteRule", this::err, () -> {
            EventsState.RuleRec r = st().rules.get(req.name());
            if (r == null) return DeleteRuleResponse.builder().build(); // AWS: deleting a missing rule is no error
            if (!r.targets.isEmpty()) throw err(400, "ValidationException", "Rule can't be deleted since it has targets.");
            st().rules.remove(req.name());
            return DeleteRuleResponse.builder().build();
        });
    }

    @Override public PutTargetsResponse putTargets(PutTargetsRequest req) {
        return world.mutate("events:PutTargets", this::err, () -> {
            EventsState.RuleRec r = rule(req.rule());
            if (req.targets().isEmpty() || req.targets().size() > 10) throw err(400, "ValidationException", "Targets must contain 1 to 10 items.");
            List<String> ids = new ArrayList<>(r.targets.keySet());
            for (Target t : req.targets()) if (!ids.contains(t.id())) ids.add(t.id());
            if (ids.size() > 5) throw err(400, "LimitExceededException", "The requested resource exceeds the maximum number allowed.");
            for (Target t : req.targets()) r.targets.put(t.id(), t.arn());
            return PutTargetsResponse.builder().failedEntryCount(0).build();
        });
    }

    @Override public RemoveTargetsResponse removeTargets(RemoveTargetsRequest req) {
        return world.mutate("events:RemoveTargets", this::err, () -> {
            EventsState.RuleRec r = rule(req.rule());
            for (String id : req.ids()) r.targets.remove(id);
            return RemoveTargetsResponse.builder().failedEntryCount(0).build();
        });
    }

    @Override public ListTargetsByRuleResponse listTargetsByRule(ListTargetsByRuleRequest req) {
        return world.read("events:ListTargetsByRule", this::err, () -> ListTargetsByRuleResponse.builder()
                .targets(rule(req.rule()).targets.entrySet().stream().map(e -> Target.builder().id(e.getKey()).arn(e.getValue()).build()).toList())
                .build());
    }

    private EventsState.RuleRec byArn(String arn) {
        for (EventsState.RuleRec r : st().rules.values()) if (r.arn.equals(arn)) return r;
        throw err(400, "ResourceNotFoundException", "Rule " + arn + " does not exist.");
    }

    @Override public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest req) {
        return world.read("events:ListTagsForResource", this::err, () -> ListTagsForResourceResponse.builder()
                .tags(byArn(req.resourceARN()).tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                .build());
    }

    @Override public TagResourceResponse tagResource(TagResourceRequest req) {
        return world.mutate("events:TagResource", this::err, () -> {
            EventsState.RuleRec r = byArn(req.resourceARN());
            // EventBridge TagResource: ValidationException for a malformed tag, LimitExceededException past 50.
            TagRules.put(r.tags, req.tags().stream().collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value() == null ? "" : t.value(), (first, last) -> last, java.util.LinkedHashMap::new)), this::err, TagRules.EVENTS);
            return TagResourceResponse.builder().build();
        });
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}
