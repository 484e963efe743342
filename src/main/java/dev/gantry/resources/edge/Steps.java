package dev.gantry.resources.edge;

import dev.gantry.plan.Observed;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;

/** Sequencing for steps that wait: run {@code first} to completion (waits included), then {@code next}. */
final class Steps {
    private Steps() {}

    @FunctionalInterface
    interface Next {
        Step after(Observed result) throws Exception;
    }

    static Step then(Step first, Next next) {
        return () -> {
            StepResult r = first.run();
            if (r instanceof StepResult.Done d) return next.after(d.result()).run();
            StepResult.Wait w = (StepResult.Wait) r;
            return StepResult.waitThen(w.after(), w.waitingFor(), then(w.next(), next));
        };
    }

    static Step done(Observed o) { return () -> StepResult.done(o); }
}
