package dev.gantry.testing;

import dev.gantry.plan.Observed;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import dev.gantry.time.VirtualScheduler;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Runs one handler step to completion on virtual time, as the engine would, for handler tests. */
public final class Drive {
    private Drive() {}

    public static Observed run(Step step, VirtualScheduler time) {
        CompletableFuture<Observed> done = new CompletableFuture<>();
        time.schedule(Duration.ZERO, () -> loop(step, time, done));
        return time.await(done);
    }

    private static void loop(Step step, VirtualScheduler time, CompletableFuture<Observed> done) {
        try {
            StepResult r = step.run();
            if (r instanceof StepResult.Done d) done.complete(d.result());
            else if (r instanceof StepResult.Wait w) time.schedule(w.after(), () -> loop(w.next(), time, done));
            else if (r instanceof StepResult.Usable u) time.schedule(Duration.ZERO, () -> loop(u.rest(), time, done));
            else if (r instanceof StepResult.DoneThen t) time.schedule(Duration.ZERO, () -> loop(t.then(), time, done));
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
    }
}
