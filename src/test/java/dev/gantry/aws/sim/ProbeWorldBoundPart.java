package dev.gantry.aws.sim;

/**
 * A part of a simulated service as ECS's scheduler was before it took its state: it keeps the
 * world and asks it for the clock. Only {@code ArchitectureTest} reads it, to show its rule on the
 * simulated services' parts fails; its static {@code of(world)} is the wiring the rule allows.
 */
final class ProbeWorldBoundPart {
    private final SimWorld world;

    ProbeWorldBoundPart(SimWorld world) { this.world = world; }

    static ProbeWorldBoundPart of(SimWorld world) { return new ProbeWorldBoundPart(world); }

    void stamp(EcsState.ServiceRec s) { s.createdAt = world.now().toEpochMilli(); }
}
