package dev.gantry.aws.sim;

import dev.gantry.aws.AwsClients;

/** Wires one simulated client per service onto a world. */
final class SimClients {
    private SimClients() {}

    static AwsClients create(SimWorld w) {
        return new AwsClients(new SimEc2(w), new SimEcs(w), new SimElb(w), new SimAcm(w), new SimRoute53(w),
                new SimSsm(w), new SimIam(w), new SimLogs(w), new SimSts(w), new SimScaling(w));
    }
}
