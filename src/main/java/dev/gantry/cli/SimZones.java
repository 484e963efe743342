package dev.gantry.cli;

import dev.gantry.aws.sim.SimWorld;

/** Seeds the simulated account with the hosted zone a spec names. */
final class SimZones {
    private SimZones() {}

    static void ensure(SimWorld world, String zone) {
        // wired once the simulated Route53 lands
    }
}
