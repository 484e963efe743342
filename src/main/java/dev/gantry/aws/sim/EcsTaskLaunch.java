package dev.gantry.aws.sim;

import java.time.Instant;
import java.util.List;

/**
 * A Fargate task as ECS provisions it, a service's or a one-off's alike: its id and ARN, a network
 * interface in its subnet with its security groups, and what will go wrong with it
 * ({@link EcsTaskFailures}), decided at launch. It starts after the task start time.
 */
final class EcsTaskLaunch {
    private final EcsState ecs;
    private final SimEcsNeighbours n;
    private final EcsTaskFailures.Sources agent;
    private final SimContext account;

    EcsTaskLaunch(EcsState ecs, SimEcsNeighbours n, EcsTaskFailures.Sources agent, SimContext account) {
        this.ecs = ecs;
        this.n = n;
        this.agent = agent;
        this.account = account;
    }

    /** The world's ECS, launching through {@code n} (the world's EC2 and ELB, or a test's fake). */
    static EcsTaskLaunch of(SimWorld world, SimEcsNeighbours n) {
        return new EcsTaskLaunch(world.state.ecs, n, EcsTaskFailures.Sources.of(world), world);
    }

    EcsState.TaskRec provision(String cluster, String clusterArn, EcsState.TaskDefRec td,
                               String subnet, List<String> groups, boolean publicIp, Instant at) {
        EcsState.TaskRec task = new EcsState.TaskRec();
        String a = account.newId("t").substring(2), b = account.newId("t").substring(2);
        task.id = (a + b).substring(0, 32);
        task.cluster = cluster;
        task.clusterArn = clusterArn;
        task.arn = "arn:aws:ecs:" + account.region() + ":" + account.accountId() + ":task/" + cluster + "/" + task.id;
        task.taskDefinitionArn = td.arn;
        task.subnet = subnet;
        task.createdAt = at.toEpochMilli();
        task.lastStatus = "PROVISIONING";
        task.eni = n.createEni(subnet, groups, "arn:aws:ecs:" + account.region() + ":" + account.accountId() + ":attachment/" + task.id);
        task.ip = n.privateIpOfEni(task.eni);
        EcsTaskFailures.Outcome o = EcsTaskFailures.decide(agent, account, n, publicIp, td, task, at);
        task.failure = o.kind();
        task.failureReason = o.reason();
        task.imageDigest = o.digest();
        task.phase = "start";
        task.nextAt = at.plus(account.latency().taskStart()).toEpochMilli();
        ecs.tasks.put(task.arn, task);
        return task;
    }
}
