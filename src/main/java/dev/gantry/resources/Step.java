package dev.gantry.resources;

/**
 * One piece of work on one resource. It runs, then either finishes or asks to be called back
 * later (a NAT gateway becoming available). Steps never sleep: the engine schedules them, which is
 * what makes virtual time and parallel waits possible.
 *
 * <p>A step may be run again from its start after a retryable AWS error (throttling, 5xx), so it
 * must be idempotent: pass a client token, or look the resource up before creating it.
 */
@FunctionalInterface
public interface Step {
    StepResult run() throws Exception;

    /** {@code first}, waiting as it asks, then {@code then}. */
    static Step sequence(Step first, Step then) {
        return () -> {
            StepResult r = first.run();
            return r instanceof StepResult.Wait w ? StepResult.waitThen(w.after(), w.waitingFor(), sequence(w.next(), then)) : then.run();
        };
    }
}
