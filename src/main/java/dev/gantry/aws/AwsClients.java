package dev.gantry.aws;

import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Every AWS client gantry uses, as the SDK's own interfaces: real ones are built only in
 * {@code dev.gantry.Main}; the simulated AWS implements the same interfaces in memory.
 * {@code scaling} and {@code cloudMap} are gantry's narrow interfaces, because the SDK modules for
 * Application Auto Scaling and Cloud Map are not available from this project's registry.
 */
public record AwsClients(Ec2Client ec2, EcsClient ecs, ElasticLoadBalancingV2Client elb, AcmClient acm,
                         Route53Client route53, SsmClient ssm, IamClient iam, CloudWatchLogsClient logs,
                         StsClient sts, ScalingApi scaling, EcrClient ecr, SecretsManagerClient secretsManager,
                         java.util.function.Function<String, SsmClient> ssmInRegion,
                         CloudWatchClient cloudWatch, SnsClient sns, EventBridgeClient events, SchedulerClient scheduler,
                         software.amazon.awssdk.services.lambda.LambdaClient lambda, CloudMapApi cloudMap) implements AutoCloseable {
    /** Without Cloud Map (code and tests that never remove a Service Connect namespace). */
    public AwsClients(Ec2Client ec2, EcsClient ecs, ElasticLoadBalancingV2Client elb, AcmClient acm, Route53Client route53,
                      SsmClient ssm, IamClient iam, CloudWatchLogsClient logs, StsClient sts, ScalingApi scaling,
                      EcrClient ecr, SecretsManagerClient secretsManager, java.util.function.Function<String, SsmClient> ssmInRegion,
                      CloudWatchClient cloudWatch, SnsClient sns, EventBridgeClient events, SchedulerClient scheduler,
                      software.amazon.awssdk.services.lambda.LambdaClient lambda) {
        this(ec2, ecs, elb, acm, route53, ssm, iam, logs, sts, scaling, ecr, secretsManager, ssmInRegion, cloudWatch, sns, events, scheduler, lambda, null);
    }

    /** Without Lambda (code and tests that have no guard). */
    public AwsClients(Ec2Client ec2, EcsClient ecs, ElasticLoadBalancingV2Client elb, AcmClient acm, Route53Client route53,
                      SsmClient ssm, IamClient iam, CloudWatchLogsClient logs, StsClient sts, ScalingApi scaling,
                      EcrClient ecr, SecretsManagerClient secretsManager, java.util.function.Function<String, SsmClient> ssmInRegion,
                      CloudWatchClient cloudWatch, SnsClient sns, EventBridgeClient events, SchedulerClient scheduler) {
        this(ec2, ecs, elb, acm, route53, ssm, iam, logs, sts, scaling, ecr, secretsManager, ssmInRegion, cloudWatch, sns, events, scheduler, null);
    }

    /** Without EventBridge Scheduler (code and tests that have no scheduled jobs). */
    public AwsClients(Ec2Client ec2, EcsClient ecs, ElasticLoadBalancingV2Client elb, AcmClient acm, Route53Client route53,
                      SsmClient ssm, IamClient iam, CloudWatchLogsClient logs, StsClient sts, ScalingApi scaling,
                      EcrClient ecr, SecretsManagerClient secretsManager, java.util.function.Function<String, SsmClient> ssmInRegion,
                      CloudWatchClient cloudWatch, SnsClient sns, EventBridgeClient events) {
        this(ec2, ecs, elb, acm, route53, ssm, iam, logs, sts, scaling, ecr, secretsManager, ssmInRegion, cloudWatch, sns, events, null);
    }

    /** Without EventBridge. */
    public AwsClients(Ec2Client ec2, EcsClient ecs, ElasticLoadBalancingV2Client elb, AcmClient acm, Route53Client route53,
                      SsmClient ssm, IamClient iam, CloudWatchLogsClient logs, StsClient sts, ScalingApi scaling,
                      EcrClient ecr, SecretsManagerClient secretsManager, java.util.function.Function<String, SsmClient> ssmInRegion,
                      CloudWatchClient cloudWatch, SnsClient sns) {
        this(ec2, ecs, elb, acm, route53, ssm, iam, logs, sts, scaling, ecr, secretsManager, ssmInRegion, cloudWatch, sns, null, null);
    }

    /** Without CloudWatch alarms, SNS and the scheduler: for code (and tests) that never look at alerts or jobs. */
    public AwsClients(Ec2Client ec2, EcsClient ecs, ElasticLoadBalancingV2Client elb, AcmClient acm, Route53Client route53,
                      SsmClient ssm, IamClient iam, CloudWatchLogsClient logs, StsClient sts, ScalingApi scaling,
                      EcrClient ecr, SecretsManagerClient secretsManager, java.util.function.Function<String, SsmClient> ssmInRegion) {
        this(ec2, ecs, elb, acm, route53, ssm, iam, logs, sts, scaling, ecr, secretsManager, ssmInRegion, null, null, null, null);
    }

    /** Without SSM in other regions: {@link #ssm(String)} answers with this region's client. */
    public AwsClients(Ec2Client ec2, EcsClient ecs, ElasticLoadBalancingV2Client elb, AcmClient acm, Route53Client route53,
                      SsmClient ssm, IamClient iam, CloudWatchLogsClient logs, StsClient sts, ScalingApi scaling,
                      EcrClient ecr, SecretsManagerClient secretsManager) {
        this(ec2, ecs, elb, acm, route53, ssm, iam, logs, sts, scaling, ecr, secretsManager, null, null, null, null, null);
    }

    /**
     * SSM in {@code region}: ECS reads a secret from a parameter in another region when the task
     * definition names it by ARN, so gantry looks such a parameter up where it lives.
     */
    public SsmClient ssm(String region) {
        return ssmInRegion == null || region == null ? ssm : ssmInRegion.apply(region);
    }

    /** Without ECR and Secrets Manager: for code (and tests) that never look at images or registry logins. */
    public AwsClients(Ec2Client ec2, EcsClient ecs, ElasticLoadBalancingV2Client elb, AcmClient acm, Route53Client route53,
                      SsmClient ssm, IamClient iam, CloudWatchLogsClient logs, StsClient sts, ScalingApi scaling) {
        this(ec2, ecs, elb, acm, route53, ssm, iam, logs, sts, scaling, null, null, null, null, null, null, null);
    }

    @Override public void close() {
        AutoCloseable elsewhere = ssmInRegion instanceof AutoCloseable c ? c : null;
        for (AutoCloseable c : new AutoCloseable[]{ec2, ecs, elb, acm, route53, ssm, iam, logs, sts, ecr, secretsManager, elsewhere, cloudWatch, sns, events, scheduler, lambda}) {
            try { if (c != null) c.close(); } catch (Exception ignored) { /* closing is best effort */ }
        }
    }
}
