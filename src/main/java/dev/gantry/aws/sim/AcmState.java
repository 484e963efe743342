package dev.gantry.aws.sim;

/** The simulated Acm state: plain serialisable fields, and the queries other simulated services need. */
public final class AcmState {
    /** ISSUED, PENDING_VALIDATION, …, or null when there is no such certificate. */
    public String status(String certificateArn, SimWorld world) { return null; }
}
