package dev.gantry.aws.sim;

/** The simulated Ec2 state: plain serialisable fields, and the queries other simulated services need. */
public final class Ec2State {
}
