package dev.gantry.aws.sim;

import dev.gantry.aws.AwsClients;

/**
 * Wires one simulated client per service onto a world. They are plain objects: the SDK-like
 * retries live where each simulated call is made ({@link SimWorld#read}, {@link SimWorld#mutate}),
 * so no reflection proxy has to resolve (and load) every method of the SDK's client interfaces.
 */
final class SimClients {
    private SimClients() {}

    static AwsClients create(SimWorld w) {
        return new AwsClients(new SimEc2(w), new SimEcs(w), new SimElb(w), new SimAcm(w), new SimRoute53(w),
                new SimSsm(w), new SimIam(w), new SimLogs(w), new SimSts(w), new SimScaling(w), new SimEcr(w), new SimSecretsManager(w),
                region -> new SimSsm(w, region), new SimCloudWatch(w), new SimSns(w), new SimEventBridge(w), new SimScheduler(w), new SimLambda(w), new SimCloudMap(w));
    }
}
