package dev.gantry.aws.sim;

/**
 * The simulated IAM state: plain serialisable fields, and the queries other simulated services
 * need. (No no-argument getX()/isX() methods here: Jackson would take them for properties.)
 */
public final class IamState {
    // Queries for ECS (same owner): whether a role's policies allow an action on a resource.
}
