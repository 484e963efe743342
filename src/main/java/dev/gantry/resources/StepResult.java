package dev.gantry.resources;

import dev.gantry.plan.Observed;

import java.time.Duration;

/** What a {@link Step} returns: finished with the resource as it now is, or call {@code next} later. */
public sealed interface StepResult {
    record Done(Observed result) implements StepResult {}

    /** {@code waitingFor} is shown to the person watching: "NAT gateway to become available". */
    record Wait(Duration after, String waitingFor, Step next) implements StepResult {}

    /**
     * Done for everything that depends on it, with one part held back until every other create and
     * update of the run has finished: {@code finally} removes what the old setup still needs while
     * the rest switches over (a security group keeps the old port open until the service has rolled
     * to the new one). If something it waited for fails, {@code finally} is not run and the next
     * apply does it. {@code what} says what is held back: "close port 80".
     */
    record DoneThen(Observed result, String what, Step then) implements StepResult {}

    /**
     * Usable already by what depends on it, while the resource itself is still getting ready:
     * {@code result} is handed to the dependents at once and the step goes on with {@code rest}
     * (a load balancer that is still provisioning takes listeners, target groups and targets).
     */
    record Usable(Observed result, Step rest) implements StepResult {}

    static StepResult done(Observed result) { return new Done(result); }

    static StepResult usable(Observed result, Step rest) { return new Usable(result, rest); }

    static StepResult waitThen(Duration after, String waitingFor, Step next) { return new Wait(after, waitingFor, next); }

    static StepResult doneThen(Observed result, String what, Step then) { return new DoneThen(result, what, then); }
}
