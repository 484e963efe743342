package dev.gantry.resources.compute;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code log-group.main}: /gantry/APP with its retention; where the containers' output goes. */
final class LogGroupType implements ResourceType {
    @Override public String type() { return "log-group"; }
    @Override public int tier() { return 0; }
    @Override public Set<String> replaceOn() { return Set.of("name"); }

    static String name(String app) { return "/gantry/" + app; }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        CloudWatchLogsClient logs = ctx.aws().logs();
        List<Observed> out = new ArrayList<>();
        for (LogGroup g : logs.describeLogGroupsPaginator(b -> b.logGroupNamePrefix(name(ctx.app()))).logGroups()) {
            Map<String, String> tags = logs.listTagsForResource(b -> b.resourceArn(g.logGroupArn())).tags();
            if (!ctx.app().equals(tags.get(ResourceContext.TAG_APP))) continue;
            String component = tags.getOrDefault(ResourceContext.TAG_COMPONENT, "log-group.main");
            out.add(observed(Address.parse(component), g));
        }
        return out;
    }

    private static Observed observed(Address a, LogGroup g) {
        return new Observed(a, g.logGroupName(),
                Props.props().put("name", g.logGroupName()).put("retentionDays", g.retentionInDays()).build(),
                Map.of("id", g.logGroupName(), "name", g.logGroupName(), "arn", g.logGroupArn()));
    }

    private static Observed read(ResourceContext ctx, Address a, String name) {
        return ctx.aws().logs().describeLogGroups(b -> b.logGroupNamePrefix(name)).logGroups().stream()
                .filter(g -> g.logGroupName().equals(name)).findFirst().map(g -> observed(a, g))
                .orElseThrow(() -> new IllegalStateException("log group " + name + " vanished right after it was created"));
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        return () -> {
            try {
                ctx.aws().logs().createLogGroup(b -> b.logGroupName(name).tags(ctx.tags(desired.address())));
            } catch (ResourceAlreadyExistsException e) {
                // Refresh did not find it as the app's, so it carries no gantry tags: made by hand (or by
                // an older tool) under the name gantry reserves for this app. Adopt it, or every later
                // plan would try to create it again.
                String arn = read(ctx, desired.address(), name).output("arn");
                ctx.aws().logs().tagResource(b -> b.resourceArn(arn).tags(ctx.tags(desired.address())));
            }
            ctx.aws().logs().putRetentionPolicy(b -> b.logGroupName(name).retentionInDays(Props.integer(props, "retentionDays")));
            return StepResult.done(read(ctx, desired.address(), name));
        };
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            ctx.aws().logs().putRetentionPolicy(b -> b.logGroupName(current.id()).retentionInDays(Props.integer(props, "retentionDays")));
            return StepResult.done(read(ctx, desired.address(), current.id()));
        };
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            try {
                ctx.aws().logs().deleteLogGroup(b -> b.logGroupName(current.id()));
            } catch (ResourceNotFoundException e) {
                // already gone
            }
            return StepResult.done(current);
        };
    }
}
