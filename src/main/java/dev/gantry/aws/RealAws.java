package dev.gantry.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.time.Duration;

/** Builds the real SDK clients: default credential chain or a named profile, optional endpoint. */
public final class RealAws {
    private RealAws() {}

    public static AwsClients clients(String region, String profile, String endpointUrl) {
        AwsCredentialsProvider creds = profile != null && !profile.isBlank()
                ? ProfileCredentialsProvider.create(profile) : DefaultCredentialsProvider.builder().build();
        Region r = Region.of(region);
        return new AwsClients(
                configure(Ec2Client.builder(), r, creds, endpointUrl).build(),
                configure(EcsClient.builder(), r, creds, endpointUrl).build(),
                configure(ElasticLoadBalancingV2Client.builder(), r, creds, endpointUrl).build(),
                configure(AcmClient.builder(), r, creds, endpointUrl).build(),
                // Route53 and IAM are global services, signed for aws-global unless an emulator is used.
                configure(Route53Client.builder(), endpointUrl == null ? Region.AWS_GLOBAL : r, creds, endpointUrl).build(),
                configure(SsmClient.builder(), r, creds, endpointUrl).build(),
                configure(IamClient.builder(), endpointUrl == null ? Region.AWS_GLOBAL : r, creds, endpointUrl).build(),
                configure(CloudWatchLogsClient.builder(), r, creds, endpointUrl).build(),
                configure(StsClient.builder(), r, creds, endpointUrl).build(),
                new RealScaling(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)).build(), creds, region, endpointUrl),
                configure(EcrClient.builder(), r, creds, endpointUrl).build(),
                configure(SecretsManagerClient.builder(), r, creds, endpointUrl).build());
    }

    private static <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Region region, AwsCredentialsProvider creds, String endpointUrl) {
        builder.region(region).credentialsProvider(creds);
        // Throttling is normal during a burst of creates; retry more patiently than the SDK's default 3.
        builder.overrideConfiguration(o -> o.retryStrategy(
                software.amazon.awssdk.awscore.retry.AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(8).build()));
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)));
        if (endpointUrl != null && !endpointUrl.isBlank()) builder.endpointOverride(URI.create(endpointUrl));
        return builder;
    }
}
