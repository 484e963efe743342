package dev.gantry.aws.sim;

import dev.gantry.aws.AwsClients;

/** Wires one simulated client per service onto a world. */
final class SimClients {
    private SimClients() {}

    static AwsClients create(SimWorld w) {
        return new AwsClients(
                SdkRetries.wrap(software.amazon.awssdk.services.ec2.Ec2Client.class, new SimEc2(w)),
                SdkRetries.wrap(software.amazon.awssdk.services.ecs.EcsClient.class, new SimEcs(w)),
                SdkRetries.wrap(software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client.class, new SimElb(w)),
                SdkRetries.wrap(software.amazon.awssdk.services.acm.AcmClient.class, new SimAcm(w)),
                SdkRetries.wrap(software.amazon.awssdk.services.route53.Route53Client.class, new SimRoute53(w)),
                SdkRetries.wrap(software.amazon.awssdk.services.ssm.SsmClient.class, new SimSsm(w)),
                SdkRetries.wrap(software.amazon.awssdk.services.iam.IamClient.class, new SimIam(w)),
                SdkRetries.wrap(software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient.class, new SimLogs(w)),
                SdkRetries.wrap(software.amazon.awssdk.services.sts.StsClient.class, new SimSts(w)),
                SdkRetries.wrap(dev.gantry.aws.ScalingApi.class, new SimScaling(w)),
                SdkRetries.wrap(software.amazon.awssdk.services.ecr.EcrClient.class, new SimEcr(w)),
                SdkRetries.wrap(software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.class, new SimSecretsManager(w)));
    }
}
