package dev.gantry.resources.compute;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Piece;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code schedule.NAME}: one EventBridge Scheduler schedule per job, in the app's group, starting
 * one Fargate task of the job's task definition (ECS RunTask) in the service's subnets with its
 * security group, as the scheduler role. Its tasks carry the ECS task group {@code job:NAME}, which
 * is how status finds their runs. Schedules cannot be tagged: they are the app's because the group
 * they are in is.
 */
final class ScheduleType implements ResourceType {
    static final String TASK_GROUP_PREFIX = "job:";

    @Override public String type() { return "schedule"; }
    @Override public String noun() { return "schedule"; }
    @Override public Piece piece() { return Piece.JOBS; }
    @Override public int tier() { return 3; }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        if (!ScheduleGroupType.owned(ctx)) return List.of();
        SchedulerClient s = ctx.aws().scheduler();
        List<Observed> out = new ArrayList<>();
        for (ScheduleSummary sum : s.listSchedules(b -> b.groupName(ctx.app())).schedules()) {
            GetScheduleResponse g = s.getSchedule(b -> b.groupName(ctx.app()).name(sum.name()));
            if (gantrys(ctx.app(), g)) out.add(observed(Address.of(type(), g.name()), g));
        }
        return out;
    }

    /**
     * Schedules carry no tags, so one in the app's group is the app's only when it does what gantry's
     * do: start one of the app's job task definitions as the app's scheduler role. Anything else a
     * person put in the group is theirs: never planned, changed or deleted.
     */
    static boolean gantrys(String app, GetScheduleResponse g) {
        Target t = g.target();
        if (t == null || t.ecsParameters() == null || t.roleArn() == null || t.ecsParameters().taskDefinitionArn() == null) return false;
        String td = t.ecsParameters().taskDefinitionArn();
        return t.roleArn().endsWith("/" + SchedulerRoleType.name(app))
                && td.substring(td.indexOf(":task-definition/") + ":task-definition/".length()).startsWith(JobTaskDefinitionType.family(app, ""));
    }

    /** Schedules in the app's group that are not the app's (a person's): deleting the group would delete them too. */
    static List<String> others(ResourceContext ctx) {
        SchedulerClient s = ctx.aws().scheduler();
        List<String> out = new ArrayList<>();
        for (ScheduleSummary sum : s.listSchedules(b -> b.groupName(ctx.app())).schedules()) {
            GetScheduleResponse g = s.getSchedule(b -> b.groupName(ctx.app()).name(sum.name()));
            if (!gantrys(ctx.app(), g) && !GuardScheduleType.gantrys(ctx.app(), g)) out.add(g.name());
        }
        return out;
    }

    /**
     * The expression with all of AWS's rules (gantry.yaml's check covers its shape only): one AWS
     * would refuse stops apply before anything changes, naming the job.
     */
    @Override public List<String> preflight(ResourceContext ctx, dev.gantry.plan.Change change) {
        if (change.desired() == null) return List.of();
        String expression = Props.str(change.desired().props(), "expression");
        try {
            dev.gantry.time.ScheduleExpression.parse(expression);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of("jobs." + change.address().name() + ".schedule: EventBridge Scheduler refuses " + expression
                    + " (a field out of range: minutes 0-59, hours 0-23, day-of-month 1-31, month 1-12 or JAN-DEC, day-of-week 1-7 or SUN-SAT,"
                    + " year 1970-2199); fix it in gantry.yaml");
        }
    }

    private static Observed observed(Address a, GetScheduleResponse g) {
        Target t = g.target();
        EcsParameters e = t.ecsParameters();
        AwsVpcConfiguration v = e == null || e.networkConfiguration() == null ? null : e.networkConfiguration().awsvpcConfiguration();
        Props.Builder p = Props.props().put("group", g.groupName()).put("expression", g.scheduleExpression())
                .put("timezone", g.scheduleExpressionTimezone() == null ? "UTC" : g.scheduleExpressionTimezone())
                .put("enabled", g.state() == ScheduleState.ENABLED).put("cluster", t.arn()).put("role", t.roleArn())
                .put("taskDefinition", e == null ? null : e.taskDefinitionArn())
                .put("subnets", v == null ? List.of() : sorted(v.subnets())).put("securityGroups", v == null ? List.of() : sorted(v.securityGroups()))
                .put("assignPublicIp", v != null && v.assignPublicIp() == AssignPublicIp.ENABLED);
        return new Observed(a, g.name(), p.build(), Map.of("id", g.name(), "arn", g.arn(), "name", g.name()));
    }

    private static List<String> sorted(List<String> l) {
        List<String> out = new ArrayList<>(l);
        out.sort(null);
        return out;
    }

    private static Target target(Address a, Map<String, Object> props) {
        return Target.builder().arn(Props.str(props, "cluster")).roleArn(Props.str(props, "role"))
                .ecsParameters(EcsParameters.builder().taskDefinitionArn(Props.str(props, "taskDefinition")).taskCount(1).launchType(LaunchType.FARGATE)
                        .group(TASK_GROUP_PREFIX + a.name())
                        .networkConfiguration(NetworkConfiguration.builder().awsvpcConfiguration(AwsVpcConfiguration.builder()
                                .subnets(Props.strings(props, "subnets")).securityGroups(Props.strings(props, "securityGroups"))
                                .assignPublicIp(Props.bool(props, "assignPublicIp") ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED).build()).build())
                        .build())
                .retryPolicy(RetryPolicy.builder().maximumRetryAttempts(0).build()).build();
    }

    private static String zone(Map<String, Object> props) {
        String tz = Props.str(props, "timezone");
        return tz == null ? "UTC" : tz;
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> {
            Address a = desired.address();
            ctx.aws().scheduler().createSchedule(b -> b.name(a.name()).groupName(Props.str(props, "group")).scheduleExpression(Props.str(props, "expression"))
                    .scheduleExpressionTimezone(zone(props)).state(ScheduleState.ENABLED)
                    .flexibleTimeWindow(FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build()).target(target(a, props))
                    .description("gantry " + ctx.app() + " job " + a.name()));
            return StepResult.done(observed(a, ctx.aws().scheduler().getSchedule(b -> b.groupName(Props.str(props, "group")).name(a.name()))));
        };
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            Address a = desired.address();
            ctx.aws().scheduler().updateSchedule(b -> b.name(a.name()).groupName(Props.str(props, "group")).scheduleExpression(Props.str(props, "expression"))
                    .scheduleExpressionTimezone(zone(props)).state(ScheduleState.ENABLED)
                    .flexibleTimeWindow(FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build()).target(target(a, props))
                    .description("gantry " + ctx.app() + " job " + a.name()));
            return StepResult.done(observed(a, ctx.aws().scheduler().getSchedule(b -> b.groupName(Props.str(props, "group")).name(a.name()))));
        };
    }

    @Override public Step delete(ResourceContext ctx, Observed current) { return deleteSchedule(ctx, current); }

    /** Deletes a schedule of a group; one its group's deletion took already is gone all the same. */
    static Step deleteSchedule(ResourceContext ctx, Observed current) {
        return () -> {
            try {
                ctx.aws().scheduler().deleteSchedule(b -> b.groupName(Props.str(current.props(), "group")).name(current.id()));
            } catch (ResourceNotFoundException gone) {
                // its group's deletion took it already
            }
            return StepResult.done(current);
        };
    }
}
