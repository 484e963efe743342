package dev.gantry.aws.sim;

/** The simulated Scaling state: plain serialisable fields, and the queries other simulated services need. */
public final class ScalingState {
}
