package dev.gantry.aws.sim;

/**
 * A state class as the simulated AWS's were before they became data: it takes the world and
 * changes it. Only {@code ArchitectureTest} reads it, to show its rule on simulated state fails.
 */
final class ProbeWorldBoundState {
    public long settledAt;

    void settle(SimWorld world) { settledAt = world.now().toEpochMilli(); }
}
