package dev.gantry.aws.sim;

import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EventBridge Scheduler invoking Lambda functions on its own: the Scheduler's, IAM's and Lambda's
 * state, an account of its own and a runner that records what it is asked to run, no world.
 */
class FunctionInvocationsTest {
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:hello-guard";
    private static final String ROLE = "arn:aws:iam::123456789012:role/hello-scheduler";

    private final VirtualScheduler clock = new VirtualScheduler();
    private final SchedulerState scheduler = new SchedulerState();
    private final IamState iam = new IamState();
    private final LambdaState lambda = new LambdaState();
    private final List<String> ran = new ArrayList<>();
    private final FunctionInvocations invocations = new FunctionInvocations(scheduler, iam, lambda,
            new StandaloneAccount(clock, SimLatency.realistic()), new Object(), (f, payload, by) -> {
                ran.add(f.name + " " + payload + " by " + by + " at " + clock.now());
                LambdaState.InvocationRec r = new LambdaState.InvocationRec();
                r.function = f.name;
                r.response = "{}";
                return r;
            });

    private void role(String trustedService) {
        IamState.RoleRec r = new IamState.RoleRec();
        r.name = "hello-scheduler";
        r.arn = ROLE;
        r.trustPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + trustedService
                + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        r.inline.put("invoke", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"lambda:InvokeFunction\",\"Resource\":\""
                + FUNCTION + "\"}]}");
        iam.roles.put(r.name, r);
    }

    /** A function that is active, and an hourly schedule of it, from now. */
    private SchedulerState.ScheduleRec hourly() {
        LambdaState.FunctionRec f = new LambdaState.FunctionRec();
        f.name = "hello-guard";
        f.arn = FUNCTION;
        f.activeAt = clock.now().toEpochMilli();
        lambda.functions.put(f.name, f);
        SchedulerState.ScheduleRec s = new SchedulerState.ScheduleRec();
        s.name = "hello-guard";
        s.groupName = "default";
        s.expression = "rate(1 hour)";
        s.targetArn = FUNCTION;
        s.roleArn = ROLE;
        s.input = "{\"check\":true}";
        s.anchor = s.evaluatedUpTo = clock.now().toEpochMilli();
        scheduler.schedules.put("default/hello-guard", s);
        return s;
    }

    @Test void aClockFiveHoursOnRunsTheLastThreeOccurrencesAndCoalescesTheRest() {
        role("scheduler.amazonaws.com");
        SchedulerState.ScheduleRec s = hourly();
        clock.advance(Duration.ofHours(5));
        invocations.fire();

        assertThat(s.invocations).hasSize(5);
        assertThat(s.invocations.subList(0, 2)).allSatisfy(i -> assertThat(i.error).startsWith("coalesced:"));
        assertThat(s.invocations.subList(2, 5)).allSatisfy(i -> assertThat(i.error).isNull());
        assertThat(ran).hasSize(FunctionInvocations.RUNS_PER_LOOK)
                .allSatisfy(r -> assertThat(r).startsWith("hello-guard {\"check\":true} by scheduler:default/hello-guard"));

        // Nothing is due again until the next hour.
        invocations.fire();
        assertThat(s.invocations).hasSize(5);
    }

    @Test void aRoleTheSchedulerCannotAssumeRunsNothingAndSaysWhy() {
        role("ecs-tasks.amazonaws.com");
        SchedulerState.ScheduleRec s = hourly();
        clock.advance(Duration.ofHours(1));
        invocations.fire();

        assertThat(ran).isEmpty();
        assertThat(s.invocations).singleElement().satisfies(i ->
                assertThat(i.error).isEqualTo("AccessDeniedException: EventBridge Scheduler could not assume the role " + ROLE));
    }
}
