package dev.gantry.aws.sim;

/** The simulated Ssm state: plain serialisable fields, and the queries other simulated services need. */
public final class SsmState {
}
