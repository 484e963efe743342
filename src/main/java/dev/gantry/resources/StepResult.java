package dev.gantry.resources;

import dev.gantry.plan.Observed;

import java.time.Duration;

/** What a {@link Step} returns: finished with the resource as it now is, or call {@code next} later. */
public sealed interface StepResult {
    record Done(Observed result) implements StepResult {}

    /** {@code waitingFor} is shown to the person watching: "NAT gateway to become available". */
    record Wait(Duration after, String waitingFor, Step next) implements StepResult {}

    static StepResult done(Observed result) { return new Done(result); }

    static StepResult waitThen(Duration after, String waitingFor, Step next) { return new Wait(after, waitingFor, next); }
}
