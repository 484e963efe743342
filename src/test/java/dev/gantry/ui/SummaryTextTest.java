package dev.gantry.ui;

import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.ApplyResult.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gantry.ui.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class SummaryTextTest {
    private static final Operation APPLY = Operation.apply("hello", "us-east-1");

    @Test
    void successShowsTheUrlCountsTimeAndNextCommands() {
        assertThat(SummaryText.render(APPLY, success(s(252)), null, Ansi.NONE)).isEqualTo("""
                ✓ Apply complete in 4m12s: 7 created, 1 updated, 0 replaced, 0 destroyed.

                Your service answers at http://hello-123.us-east-1.elb.amazonaws.com

                Next:
                  gantry status          what is running and whether it is healthy
                  gantry logs --follow   your containers' output as it happens
                """);
    }

    @Test
    void onTheSimulatedAwsTheTimeIsSaidToBeSimulatedAndTheSummaryEndsWithWhereItWent() {
        ApplyResult r = success(s(196));
        var path = new dev.gantry.engine.CriticalPath(List.of(new dev.gantry.engine.CriticalPath.Wait("load balancer provisioning", s(185)),
                new dev.gantry.engine.CriticalPath.Wait("first health checks", s(11))), "none gantry can take");
        ApplyResult simulated = new ApplyResult(r.outcome(), r.exit(), r.created(), r.updated(), r.replaced(), r.deleted(), r.failed(),
                r.skipped(), r.elapsed(), r.url(), r.failures(), r.diagnosis(), r.resumeCommand(), path, true);
        String text = SummaryText.render(APPLY, simulated, null, Ansi.NONE);
        assertThat(text).startsWith("✓ Apply complete in 3m16s of simulated time: 7 created, 1 updated, 0 replaced, 0 destroyed.\n")
                .endsWith("""

                        Where the time went (the waits that set its length):
                          load balancer provisioning 3m05s → first health checks 11 s
                        Biggest lever left: none gantry can take
                        """);
    }

    @Test
    void noChangesAndDestroyAreWordedForWhatHappened() {
        ApplyResult none = new ApplyResult(Outcome.NO_CHANGES, ApplyResult.Exit.OK, 0, 0, 0, 0, 0, 0, s(3), null, List.of(), null, null);
        assertThat(SummaryText.render(APPLY, none, null, Ansi.NONE))
                .startsWith("✓ No changes. Your infrastructure matches gantry.yaml.\n")
                .contains("gantry status");

        ApplyResult destroyed = new ApplyResult(Outcome.SUCCEEDED, ApplyResult.Exit.OK, 0, 0, 0, 22, 0, 0, s(190), null, List.of(), null, null);
        assertThat(SummaryText.render(Operation.destroy("hello", "us-east-1"), destroyed, null, Ansi.NONE)).isEqualTo("""
                ✓ Destroy complete in 3m10s: 0 created, 0 updated, 0 replaced, 22 destroyed.

                Next:
                  gantry apply   create it all again from the spec
                """);
    }

    @Test
    void everySuggestedCommandRepeatsTheOptionsAsGiven() {
        Operation op = APPLY.withOptions(" -f stacks/web.yaml --simulate --profile staging --region eu-west-1 --endpoint-url http://127.0.0.1:5000");
        String given = " -f stacks/web.yaml --simulate --profile staging --region eu-west-1 --endpoint-url http://127.0.0.1:5000";
        assertThat(SummaryText.render(op, success(s(10)), null, Ansi.NONE))
                .containsPattern("gantry status" + java.util.regex.Pattern.quote(given) + " +what is running")
                .contains("gantry logs" + given + " --follow   your containers' output");
        ApplyResult stopped = new ApplyResult(Outcome.INTERRUPTED, ApplyResult.Exit.INTERRUPTED, 0, 0, 0, 0, 0, 0, s(3), null, List.of(), null, null);
        assertThat(SummaryText.render(op, stopped, null, Ansi.NONE)).contains("  gantry apply" + given + "\n");
    }

    @Test
    void aFailedRolloutExplainsWhyWithFixesAndTheCommandToContinue() {
        ProgressModel model = new ProgressModel(new Fixtures.Clock());
        model.on(new ApplyEvent.Planned(s(0), plan()));
        for (var c : List.of(VPC, SUBNET, NAT, SG, LB, TASK)) model.on(new ApplyEvent.Done(s(200), c, s(2)));
        model.on(new ApplyEvent.Failed(s(400), SERVICE, "the deployment failed", null));
        model.on(new ApplyEvent.Skipped(s(400), SCALING, "depends on service.main, which failed"));
        ApplyResult r = new ApplyResult(Outcome.ROLLOUT_FAILED, ApplyResult.Exit.FAILED, 5, 1, 0, 0, 1, 1, s(400), null,
                List.of("service.main: the deployment failed"), DIAGNOSIS, "gantry apply --secret PASSWORD=@pw.txt");

        assertThat(SummaryText.render(APPLY, r, model.snapshot(), Ansi.NONE)).isEqualTo("""
                ✗ Apply failed after 6m40s: the new version of the service did not start.

                What failed:
                  ✗ service.main  ECS service: keeps your tasks running
                      the deployment failed

                Why the deployment failed:
                  Tasks cannot read the secret PASSWORD.
                  ResourceInitializationError: unable to pull secrets or registry auth: AccessDeniedException
                  How to fix it:
                    1. Let role.execution read /hello/password (gantry apply does this).
                    2. Run gantry apply again.

                What was left:
                  5 created, 1 updated, 0 replaced, 0 destroyed
                  1 failed: service.main
                  1 not started because something it needs failed: scaling-target.main (needs service.main)

                Fix the problem above, then continue with:
                  gantry apply --secret PASSWORD=@pw.txt
                """);
    }

    @Test
    void anInterruptedRunSaysHowToPickUpWhereItStopped() {
        ApplyResult r = new ApplyResult(Outcome.INTERRUPTED, ApplyResult.Exit.INTERRUPTED, 2, 0, 0, 0, 0, 0, s(30), null, List.of(), null, null);
        String text = SummaryText.render(APPLY, r, null, Ansi.NONE);
        assertThat(text).startsWith("■ Apply stopped after 30s because you pressed Ctrl-C.\n")
                .doesNotContain("What failed")
                .endsWith("To continue where it stopped, run:\n  gantry apply\n");
    }

    @Test
    void aRunStoppedByASignalSaysWhichOne() {
        ApplyResult r = new ApplyResult(Outcome.INTERRUPTED, ApplyResult.Exit.INTERRUPTED, 2, 0, 0, 0, 0, 0, s(30), null, List.of(), null, null);
        assertThat(SummaryText.render(APPLY, r.stoppedBy("SIGTERM"), null, Ansi.NONE))
                .startsWith("■ Apply stopped after 30s because it received SIGTERM.\n").doesNotContain("Ctrl-C");
        assertThat(SummaryText.render(APPLY, r.stoppedBy("SIGINT"), null, Ansi.NONE))
                .startsWith("■ Apply stopped after 30s because it received SIGINT (Ctrl-C).\n");
    }
}
