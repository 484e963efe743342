package dev.gantry.aws.sim;

import java.util.List;

/**
 * ECS's service deployments and service revisions (ListServiceDeployments,
 * DescribeServiceRevisions, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-deployment.html):
 * each CreateService or UpdateService that starts a deployment records one, IN_PROGRESS until it
 * is SUCCESSFUL; a newer one STOPs it; the circuit breaker turns it to ROLLBACK_IN_PROGRESS and,
 * once the previous revision is steady again, ROLLBACK_SUCCESSFUL (or STOPPED when rollback is
 * off). The revision's image digest is what ECS resolved when the deployment's first task pulled
 * the image (software version consistency); a deployment that never pulled has none.
 */
final class EcsServiceDeployments {
    private EcsServiceDeployments() {}

    /** A new deployment {@code d} of {@code s} started by the caller's CreateService/UpdateService. */
    static void started(SimWorld world, EcsState.ServiceRec s, EcsState.DeploymentRec d) {
        EcsState st = world.state.ecs;
        for (EcsState.ServiceDeploymentRec old : of(st, s)) {
            if ("IN_PROGRESS".equals(old.status) || "ROLLBACK_IN_PROGRESS".equals(old.status)) {
                old.status = "STOPPED";
                old.statusReason = "A newer service deployment started before this one finished.";
                old.finishedAt = d.createdAt;
            }
        }
        String prefix = "arn:aws:ecs:" + world.region() + ":" + world.accountId() + ":";
        String number = d.id.substring(d.id.indexOf('/') + 1);
        EcsState.ServiceRevisionRec r = new EcsState.ServiceRevisionRec();
        r.arn = prefix + "service-revision/" + s.cluster + "/" + s.name + "/" + number;
        r.serviceArn = s.arn;
        r.clusterArn = s.clusterArn;
        r.taskDefinition = d.taskDefinition;
        EcsState.TaskDefRec td = SimEcs.resolveTaskDefinition(st, d.taskDefinition);
        r.containerName = td.containers.get(0).name;
        r.image = td.containers.get(0).image;
        r.createdAt = d.createdAt;
        st.serviceRevisions.put(r.arn, r);
        EcsState.ServiceDeploymentRec sd = new EcsState.ServiceDeploymentRec();
        sd.arn = prefix + "service-deployment/" + s.cluster + "/" + s.name + "/" + world.newId("sd").substring(3);
        sd.serviceArn = s.arn;
        sd.clusterArn = s.clusterArn;
        sd.cluster = s.cluster;
        sd.service = s.name;
        sd.createdAt = d.createdAt;
        sd.status = "IN_PROGRESS";
        sd.targetRevisionArn = r.arn;
        sd.deploymentId = d.id;
        st.serviceDeployments.add(sd);
    }

    /** The circuit breaker failed {@code failed}; {@code rollback} is the deployment going back, or null. */
    static void failed(EcsState st, EcsState.ServiceRec s, EcsState.DeploymentRec failed, EcsState.DeploymentRec rollback, String reason, long t) {
        for (EcsState.ServiceDeploymentRec sd : of(st, s)) {
            if (!failed.id.equals(sd.deploymentId)) continue;
            sd.statusReason = reason;
            if (rollback != null) {
                sd.status = "ROLLBACK_IN_PROGRESS";
                sd.rollbackDeploymentId = rollback.id;
            } else {
                sd.status = "STOPPED";
                sd.finishedAt = t;
            }
        }
    }

    /** The PRIMARY deployment {@code d} reached a steady state. */
    static void completed(EcsState st, EcsState.ServiceRec s, EcsState.DeploymentRec d, long t) {
        for (EcsState.ServiceDeploymentRec sd : of(st, s)) {
            if (d.id.equals(sd.deploymentId) && "IN_PROGRESS".equals(sd.status)) {
                sd.status = "SUCCESSFUL";
                sd.finishedAt = t;
            } else if (d.id.equals(sd.rollbackDeploymentId) && "ROLLBACK_IN_PROGRESS".equals(sd.status)) {
                sd.status = "ROLLBACK_SUCCESSFUL";
                sd.finishedAt = t;
            }
        }
    }

    /** A task of deployment {@code deploymentId} pulled its image: the revision's digest, if not known yet. */
    static void pulled(EcsState st, EcsState.ServiceRec s, String deploymentId, String digest) {
        if (digest == null) return;
        for (EcsState.ServiceDeploymentRec sd : of(st, s)) {
            if (!deploymentId.equals(sd.deploymentId)) continue;
            EcsState.ServiceRevisionRec r = st.serviceRevisions.get(sd.targetRevisionArn);
            if (r != null && r.imageDigest == null) r.imageDigest = digest;
        }
    }

    static List<EcsState.ServiceDeploymentRec> of(EcsState st, EcsState.ServiceRec s) {
        return st.serviceDeployments.stream().filter(sd -> sd.serviceArn.equals(s.arn)).toList();
    }
}
