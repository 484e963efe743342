package dev.gantry.resources.compute;

import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Piece;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;

import java.util.List;
import java.util.Map;

/**
 * {@code guard-schedule.main}: the EventBridge Scheduler schedule {@code gantry-guard} in the app's
 * schedule group, {@code rate(N minutes)}, invoking the guard's function as
 * {@code guard-role.scheduler} with the event {@code {"app": …, "region": …}}. Schedules cannot be
 * tagged: it is the app's because it is in the app's group and invokes the app's guard function.
 */
final class GuardScheduleType implements ResourceType {
    static final String NAME = "gantry-guard";

    @Override public String type() { return "guard-schedule"; }
    @Override public String noun() { return "schedule of the guard"; }
    @Override public Piece piece() { return Piece.GUARD; }
    @Override public int tier() { return 4; }
    @Override public java.util.Set<String> replaceOn() { return java.util.Set.of("group"); }

    /** The event the function is invoked with: which app and region to guard (the function reads the rest from the stored spec). */
    static String input(String app, String region) {
        return "{\"app\":\"" + app + "\",\"region\":\"" + region + "\"}";
    }

    /** Whether a schedule in the app's group is the guard's: the name, invoking the app's guard function. */
    static boolean gantrys(String app, GetScheduleResponse g) {
        Target t = g.target();
        return NAME.equals(g.name()) && t != null && t.arn() != null && t.arn().endsWith(":function:" + GuardFunctionType.name(app));
    }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        if (!GuardSpecType.guardMayExist(ctx) || !ScheduleGroupType.owned(ctx)) return List.of();
        GetScheduleResponse g;
        try {
            g = ctx.aws().scheduler().getSchedule(b -> b.groupName(ctx.app()).name(NAME));
        } catch (ResourceNotFoundException none) {
            return List.of();
        }
        return gantrys(ctx.app(), g) ? List.of(observed(g)) : List.of();
    }

    private static Observed observed(GetScheduleResponse g) {
        Target t = g.target();
        return new Observed(Addresses.GUARD_SCHEDULE, g.name(), Props.props().put("group", g.groupName()).put("expression", g.scheduleExpression())
                .put("enabled", g.state() == ScheduleState.ENABLED).put("function", t.arn()).put("role", t.roleArn()).put("input", t.input()).build(),
                Map.of("id", g.name(), "arn", g.arn(), "name", g.name()));
    }

    private static Target target(Map<String, Object> props) {
        // No retries: the next run comes within minutes, and a run that failed would meet the same.
        return Target.builder().arn(Props.str(props, "function")).roleArn(Props.str(props, "role")).input(Props.str(props, "input"))
                .retryPolicy(RetryPolicy.builder().maximumRetryAttempts(0).build()).build();
    }

    private Observed put(ResourceContext ctx, Map<String, Object> props, boolean create) {
        String group = Props.str(props, "group");
        FlexibleTimeWindow off = FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build();
        String description = "gantry " + ctx.app() + ": runs the guard";
        if (create) {
            try {
                ctx.aws().scheduler().createSchedule(b -> b.name(NAME).groupName(group).scheduleExpression(Props.str(props, "expression"))
                        .state(ScheduleState.ENABLED).flexibleTimeWindow(off).target(target(props)).description(description));
            } catch (software.amazon.awssdk.services.scheduler.model.ConflictException e) {
                // Sent again after a lost reply: the schedule there is ours when it invokes the app's guard (the group is the app's).
                if (!gantrys(ctx.app(), ctx.aws().scheduler().getSchedule(b -> b.groupName(group).name(NAME)))) throw e;
                return put(ctx, props, false);
            }
        } else {
            ctx.aws().scheduler().updateSchedule(b -> b.name(NAME).groupName(group).scheduleExpression(Props.str(props, "expression"))
                    .state(ScheduleState.ENABLED).flexibleTimeWindow(off).target(target(props)).description(description));
        }
        return observed(ctx.aws().scheduler().getSchedule(b -> b.groupName(group).name(NAME)));
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> StepResult.done(put(ctx, props, true));
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> StepResult.done(put(ctx, props, false));
    }

    @Override public Step delete(ResourceContext ctx, Observed current) { return ScheduleType.deleteSchedule(ctx, current); }
}
