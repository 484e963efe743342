package dev.gantry.aws.sim;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * EventBridge Scheduler invoking ECS RunTask on virtual time, replayed lazily whenever the
 * simulated ECS looks at its one-off tasks (like the ECS scheduler: no background thread). Each
 * occurrence due since the last look starts its tasks at the occurrence's time, as the schedule's
 * execution role: the role must trust scheduler.amazonaws.com and be allowed ecs:RunTask on the task
 * definition and iam:PassRole on its execution and task roles
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role).
 * An invocation that fails is recorded with AWS's reason (on AWS: the TargetErrorCount metric and,
 * when configured, the dead-letter queue); no task starts.
 */
final class SchedulerInvocations {
    /** Invocations replayed per schedule and look, so a clock jumped by years stays cheap. */
    static final int MAX_PER_LOOK = 1000;

    private SchedulerInvocations() {}

    static void fire(SimWorld world, EcsOneOffTasks tasks, Instant now) {
        for (SchedulerState.ScheduleRec s : world.state.scheduler.schedules.values()) {
            // A function target runs code that calls AWS: never inside ECS's call (FunctionInvocations).
            if (FunctionInvocations.isFunction(s)) continue;
            if (!"ENABLED".equals(s.state) || s.ecs == null || !s.targetArn.startsWith("arn:aws:ecs:")) {
                s.evaluatedUpTo = Math.max(s.evaluatedUpTo, now.toEpochMilli());
                continue;
            }
            ZoneId zone = s.timezone == null ? ZoneId.of("UTC") : ZoneId.of(s.timezone);
            List<Instant> due = dev.gantry.time.ScheduleExpression.parse(s.expression)
                    .between(Instant.ofEpochMilli(s.anchor), Instant.ofEpochMilli(s.evaluatedUpTo), now, zone, MAX_PER_LOOK);
            for (Instant at : due) invoke(world, tasks, s, at);
            s.evaluatedUpTo = due.size() == MAX_PER_LOOK ? due.get(due.size() - 1).toEpochMilli() : Math.max(s.evaluatedUpTo, now.toEpochMilli());
        }
    }

    private static void invoke(SimWorld world, EcsOneOffTasks tasks, SchedulerState.ScheduleRec s, Instant at) {
        SchedulerState.Invocation inv = new SchedulerState.Invocation();
        inv.at = at.toEpochMilli();
        s.invocations.add(inv);
        IamState iam = world.state.iam;
        IamState.RoleRec role = iam.roleByArn(s.roleArn);
        String who = "arn:aws:sts::" + world.accountId() + ":assumed-role/" + (role == null ? "?" : role.name) + "/" + s.name;
        if (role == null || role.trustPolicy == null || !role.trustPolicy.contains("scheduler.amazonaws.com")) {
            inv.error = "AccessDeniedException: EventBridge Scheduler could not assume the role " + s.roleArn;
            return;
        }
        EcsState ecs = world.state.ecs;
        EcsState.TaskDefRec td = SimEcs.resolveTaskDefinition(ecs, s.ecs.taskDefinitionArn);
        if (!iam.allows(s.roleArn, "ecs:RunTask", s.ecs.taskDefinitionArn)) {
            inv.error = "AccessDeniedException: User: " + who + " is not authorized to perform: ecs:RunTask on resource: " + s.ecs.taskDefinitionArn;
            return;
        }
        if (td != null) {
            for (String passed : new String[]{td.executionRoleArn, td.taskRoleArn}) {
                if (passed != null && !iam.allows(s.roleArn, "iam:PassRole", passed)) {
                    inv.error = "AccessDeniedException: User: " + who + " is not authorized to perform: iam:PassRole on resource: " + passed;
                    return;
                }
            }
        }
        String clusterName = s.targetArn.substring(s.targetArn.lastIndexOf('/') + 1);
        EcsState.ClusterRec c = ecs.clusters.get(clusterName);
        if (c == null || !"ACTIVE".equals(c.status)) {
            inv.error = "ClusterNotFoundException: Cluster not found.";
            return;
        }
        if (td == null || !"ACTIVE".equals(td.status)) {
            inv.error = "ClientException: TaskDefinition is inactive";
            return;
        }
        if (s.ecs.subnets.isEmpty()) {
            inv.error = "InvalidParameterException: Network Configuration must be provided when networkMode 'awsvpc' is specified.";
            return;
        }
        for (int i = 0; i < Math.max(1, s.ecs.taskCount); i++) {
            EcsState.TaskRec t = tasks.launch(c, td, s.ecs.subnets, s.ecs.securityGroups, s.ecs.assignPublicIp, null, null, s.ecs.tags, i, at);
            t.group = s.ecs.group;
            inv.taskArn = t.arn;
        }
    }
}
