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
}
