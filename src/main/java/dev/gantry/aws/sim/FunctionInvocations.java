package dev.gantry.aws.sim;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * EventBridge Scheduler invoking AWS Lambda functions on virtual time. Each occurrence due since the
 * last look invokes the function as the schedule's role, which must trust scheduler.amazonaws.com and
 * be allowed lambda:InvokeFunction on the function
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role);
 * a refused invocation is recorded with AWS's reason. The function runs on the caller's thread
 * outside the world's lock ({@link SimWorld#runDueFunctions}).
 *
 * <p>A clock moved on by hours between two looks would owe dozens of runs; only the last
 * {@link #RUNS_PER_LOOK} due occurrences run, the earlier ones are recorded as coalesced. Nothing
 * else changes the simulated world between them, so the runs left out would each have seen what
 * the first of those that run sees.
 */
final class FunctionInvocations {
    static final int RUNS_PER_LOOK = 3;

    /** Runs one invocation of a function on the caller's thread, and records it ({@link SimWorld#runFunction}). */
    interface Runner {
        LambdaState.InvocationRec run(LambdaState.FunctionRec f, String payload, String by);
    }

    private final SchedulerState scheduler;
    private final IamState iam;
    private final LambdaState lambda;
    private final SimContext account;
    private final Object lock;
    private final Runner runner;

    /**
     * {@code lock}: what the account's calls hold while they read or change its state (the world);
     * the schedules are read under it, the functions run outside it, through {@code runner}.
     */
    FunctionInvocations(SchedulerState scheduler, IamState iam, LambdaState lambda, SimContext account, Object lock, Runner runner) {
        this.scheduler = scheduler;
        this.iam = iam;
        this.lambda = lambda;
        this.account = account;
        this.lock = lock;
        this.runner = runner;
    }

    /** The world's schedules, read under the world's lock; their functions run by {@link SimWorld#runFunction}. */
    static FunctionInvocations of(SimWorld world) {
        SimState s = world.state;
        return new FunctionInvocations(s.scheduler, s.iam, s.lambda, world, world, world::runFunction);
    }

    static boolean isFunction(SchedulerState.ScheduleRec s) {
        return s.targetArn != null && s.targetArn.startsWith("arn:aws:lambda:");
    }

    private record Due(SchedulerState.ScheduleRec schedule, Instant at, LambdaState.FunctionRec function) {}

    void fire() {
        List<Due> runs = new ArrayList<>();
        synchronized (lock) {
            Instant now = account.now();
            for (SchedulerState.ScheduleRec s : scheduler.schedules.values()) {
                if (!isFunction(s)) continue;
                if (!"ENABLED".equals(s.state)) {
                    s.evaluatedUpTo = Math.max(s.evaluatedUpTo, now.toEpochMilli());
                    continue;
                }
                ZoneId zone = s.timezone == null ? ZoneId.of("UTC") : ZoneId.of(s.timezone);
                List<Instant> due = dev.gantry.time.ScheduleExpression.parse(s.expression)
                        .between(Instant.ofEpochMilli(s.anchor), Instant.ofEpochMilli(s.evaluatedUpTo), now, zone, SchedulerInvocations.MAX_PER_LOOK);
                s.evaluatedUpTo = due.size() == SchedulerInvocations.MAX_PER_LOOK ? due.get(due.size() - 1).toEpochMilli() : Math.max(s.evaluatedUpTo, now.toEpochMilli());
                for (int i = 0; i < due.size(); i++) {
                    SchedulerState.Invocation inv = new SchedulerState.Invocation();
                    inv.at = due.get(i).toEpochMilli();
                    s.invocations.add(inv);
                    if (i < due.size() - RUNS_PER_LOOK) {
                        inv.error = "coalesced: the simulated clock moved past this occurrence and a later one ran instead";
                        continue;
                    }
                    LambdaState.FunctionRec f = refused(s, inv);
                    if (f != null) runs.add(new Due(s, due.get(i), f));
                }
            }
        }
        for (Due d : runs) {
            LambdaState.InvocationRec r = runner.run(d.function(), d.schedule().input == null ? "{}" : d.schedule().input,
                    "scheduler:" + d.schedule().groupName + "/" + d.schedule().name);
            if (r.functionError != null) {
                synchronized (lock) {
                    d.schedule().invocations.stream().filter(i -> i.at == d.at().toEpochMilli()).findFirst()
                            .ifPresent(i -> i.error = "function error: " + r.response);
                }
            }
        }
    }

    /** The function to run, or null with the invocation's error set to why the scheduler could not. */
    private LambdaState.FunctionRec refused(SchedulerState.ScheduleRec s, SchedulerState.Invocation inv) {
        IamState.RoleRec role = iam.roleByArn(s.roleArn);
        if (role == null || role.trustPolicy == null || !role.trustPolicy.contains("scheduler.amazonaws.com")) {
            inv.error = "AccessDeniedException: EventBridge Scheduler could not assume the role " + s.roleArn;
            return null;
        }
        if (!iam.allows(s.roleArn, "lambda:InvokeFunction", s.targetArn)) {
            inv.error = "AccessDeniedException: User: arn:aws:sts::" + account.accountId() + ":assumed-role/" + role.name + "/" + s.name
                    + " is not authorized to perform: lambda:InvokeFunction on resource: " + s.targetArn;
            return null;
        }
        LambdaState.FunctionRec f = lambda.byNameOrArn(s.targetArn);
        if (f == null) {
            inv.error = "ResourceNotFoundException: Function not found: " + s.targetArn;
            return null;
        }
        if (account.now().toEpochMilli() < f.activeAt) {
            inv.error = "ResourceConflictException: The function is currently in the following state: Pending";
            return null;
        }
        return f;
    }
}
