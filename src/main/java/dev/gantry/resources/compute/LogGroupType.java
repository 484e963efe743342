package dev.gantry.resources.compute;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import dev.gantry.aws.AwsFailure;
import dev.gantry.resources.Claim;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code log-group.main}: /gantry/APP with its retention; where the containers' output goes. */
final class LogGroupType implements ResourceType {
    @Override public String type() { return "log-group"; }
    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.LOGS; }
    @Override public String noun() { return "log group"; }
    @Override public int tier() { return 0; }
    @Override public Set<String> replaceOn() { return Set.of("name"); }

    static String name(String app) { return "/gantry/" + app; }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        CloudWatchLogsClient logs = ctx.aws().logs();
        List<Observed> out = new ArrayList<>();
        for (LogGroup g : groups(ctx, name(ctx.app()))) {
            ctx.ownAddress(logs.listTagsForResource(b -> b.resourceArn(g.logGroupArn())).tags(), type()).ifPresent(a -> out.add(observed(a, g)));
        }
        return out;
    }

    private static Observed observed(Address a, LogGroup g) {
        return new Observed(a, g.logGroupName(),
                Props.props().put("name", g.logGroupName()).put("retentionDays", g.retentionInDays()).build(),
                Map.of("id", g.logGroupName(), "name", g.logGroupName(), "arn", g.logGroupArn()));
    }

    private static Observed read(ResourceContext ctx, Address a, String name) {
        return find(ctx, name).map(g -> observed(a, g))
                .orElseThrow(() -> new IllegalStateException("log group " + name + " vanished right after it was created"));
    }

    private static Optional<LogGroup> find(ResourceContext ctx, String name) {
        return groups(ctx, name).stream().filter(g -> g.logGroupName().equals(name)).findFirst();
    }

    /**
     * The names of the app's other services that may exist: those a refresh looks for (the plan's)
     * and those whose log group {@code /gantry/APP-NAME} is there (one removed from the spec, whose
     * service, roles and task definition are still to be found and deleted). Only candidates: a
     * look-alike of another app's (an app called APP-NAME) is told apart by the tags of what is found.
     */
    static java.util.Set<String> otherServiceNames(ResourceContext ctx, java.util.List<String> planned) {
        java.util.Set<String> out = new java.util.TreeSet<>(planned);
        String prefix = name(ctx.app()) + "-";
        for (LogGroup g : groups(ctx, name(ctx.app()))) {
            if (g.logGroupName().startsWith(prefix) && g.logGroupName().length() > prefix.length()) out.add(g.logGroupName().substring(prefix.length()));
        }
        return out;
    }

    /**
     * The services of the app that the plan no longer has (their log groups are still there): what
     * only a service that builds or logs in to a registry has (its repository, its login) is looked
     * for under their names too, so removing such a service deletes it, while an app whose services
     * are all in the plan asks nothing more.
     */
    static java.util.Set<String> removedServiceNames(ResourceContext ctx) {
        java.util.Set<String> out = new java.util.TreeSet<>(otherServiceNames(ctx, java.util.List.of()));
        for (Desired d : ctx.wanted().ofType("service")) out.remove(d.address().name().equals("main") ? ctx.app() : d.address().name());
        return out;
    }

    /** The log groups whose names start with {@code prefix}: read once per refresh by it and the claimant (the app's name is both's prefix). */
    private static List<LogGroup> groups(ResourceContext ctx, String prefix) {
        return ctx.reads().get("logs:groups:" + prefix, () -> ctx.aws().logs().describeLogGroupsPaginator(b -> b.logGroupNamePrefix(prefix)).logGroups().stream().toList());
    }

    /** Whether a log group named {@code name} exists, from the refresh's read of the app's groups (no read of its own in a refresh). */
    static boolean exists(ResourceContext ctx, String name) {
        return groups(ctx, name(ctx.app())).stream().anyMatch(g -> g.logGroupName().equals(name));
    }

    /** Whether any log group is under the app's prefix (a trace of an app deployed before), from the same read. */
    static boolean anyUnderTheAppsPrefix(ResourceContext ctx) {
        return !groups(ctx, name(ctx.app())).isEmpty();
    }

    private static Map<String, String> tags(ResourceContext ctx, LogGroup g) {
        return ctx.aws().logs().listTagsForResource(b -> b.resourceArn(g.logGroupArn())).tags();
    }

    /** A log group under /gantry/APP that refresh did not find as the app's: made by hand, or another app's. */
    @Override public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        return find(ctx, name).map(g -> new Claim(observed(desired.address(), g), "the log group " + name
                + " (retention " + (g.retentionInDays() == null ? "never expires" : dev.gantry.spec.Counted.of(g.retentionInDays(), "day")) + ")", tags(ctx, g), "app"));
    }

    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().logs().tagResource(b -> b.resourceArn(existing.output("arn")).tags(ctx.tags(desired.address())));
            return StepResult.done(existing);
        };
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        return () -> {
            try {
                ctx.aws().logs().createLogGroup(b -> b.logGroupName(name).tags(ctx.tags(desired.address())));
            } catch (ResourceAlreadyExistsException e) {
                // Ours when a create was cut short after AWS made it (it carries our tags); anything
                // else appeared after the plan and is not gantry's to change.
                LogGroup g = find(ctx, name).orElseThrow(() -> e);
                if (!ctx.app().equals(tags(ctx, g).get(ResourceContext.TAG_APP))) {
                    throw new AwsFailure(AwsFailure.Kind.CONFLICT, "the log group " + name + " was created by someone else while gantry was applying",
                            "run 'gantry plan' to see it, then take it over with 'gantry apply --adopt " + desired.address() + "' or remove it");
                }
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
