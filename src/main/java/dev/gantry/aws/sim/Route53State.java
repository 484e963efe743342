package dev.gantry.aws.sim;

/** The simulated Route53 state: plain serialisable fields, and the queries other simulated services need. */
public final class Route53State {
}
