package dev.gantry.aws.sim;

import java.time.Instant;
import java.util.List;

/**
 * A Fargate task as ECS provisions it, a service's or a one-off's alike: its id and ARN, a network
 * interface in its subnet with its security groups, and what will go wrong with it
 * ({@link EcsTaskFailures}), decided at launch. It starts after the task start time.
 */
final class EcsTaskLaunch {
    private EcsTaskLaunch() {}

    static EcsState.TaskRec provision(SimWorld world, SimEcsNeighbours n, String cluster, String clusterArn, EcsState.TaskDefRec td,
                                      String subnet, List<String> groups, boolean publicIp, Instant at) {
        EcsState.TaskRec task = new EcsState.TaskRec();
        String a = world.newId("t").substring(2), b = world.newId("t").substring(2);
        task.id = (a + b).substring(0, 32);
        task.cluster = cluster;
        task.clusterArn = clusterArn;
        task.arn = "arn:aws:ecs:" + world.region() + ":" + world.accountId() + ":task/" + cluster + "/" + task.id;
        task.taskDefinitionArn = td.arn;
        task.subnet = subnet;
        task.createdAt = at.toEpochMilli();
        task.lastStatus = "PROVISIONING";
        task.eni = n.createEni(subnet, groups, "arn:aws:ecs:" + world.region() + ":" + world.accountId() + ":attachment/" + task.id);
        task.ip = n.privateIpOfEni(task.eni);
        EcsTaskFailures.Outcome o = EcsTaskFailures.decide(world, n, publicIp, td, task, at);
        task.failure = o.kind();
        task.failureReason = o.reason();
        task.imageDigest = o.digest();
        task.phase = "start";
        task.nextAt = at.plus(world.latency.taskStart()).toEpochMilli();
        world.state.ecs.tasks.put(task.arn, task);
        return task;
    }
}
