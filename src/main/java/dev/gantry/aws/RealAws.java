package dev.gantry.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
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
        return clients(region, profile, endpointUrl, new Timeouts(RetryPolicy.ATTEMPT_TIMEOUT, RetryPolicy.CALL_TIMEOUT));
    }

    /** How long one attempt, and one call with all its attempts, may take (tests shorten them). */
    record Timeouts(Duration attempt, Duration call) {}

    static AwsClients clients(String region, String profile, String endpointUrl, Timeouts t) {
        if (profile != null && !profile.isBlank()) requireProfile(profile);
        AwsCredentialsProvider creds = profile != null && !profile.isBlank()
                ? ProfileCredentialsProvider.create(profile) : DefaultCredentialsProvider.builder().build();
        Region r = Region.of(region);
        SsmClient ssm = configure(t, SsmClient.builder(), r, creds, endpointUrl).build();
        return new AwsClients(
                configure(t, Ec2Client.builder(), r, creds, endpointUrl).build(),
                configure(t, EcsClient.builder(), r, creds, endpointUrl).build(),
                configure(t, ElasticLoadBalancingV2Client.builder(), r, creds, endpointUrl).build(),
                configure(t, AcmClient.builder(), r, creds, endpointUrl).build(),
                // Route53 and IAM are global services, signed for aws-global unless an emulator is used.
                configure(t, Route53Client.builder(), endpointUrl == null ? Region.AWS_GLOBAL : r, creds, endpointUrl).build(),
                ssm,
                configure(t, IamClient.builder(), endpointUrl == null ? Region.AWS_GLOBAL : r, creds, endpointUrl).build(),
                configure(t, CloudWatchLogsClient.builder(), r, creds, endpointUrl).build(),
                configure(t, StsClient.builder(), r, creds, endpointUrl).build(),
                new RealScaling(http(t).build(), creds, region, endpointUrl, RetryPolicy::sleep, t),
                configure(t, EcrClient.builder(), r, creds, endpointUrl).build(),
                configure(t, SecretsManagerClient.builder(), r, creds, endpointUrl).build(),
                new SsmElsewhere(region, ssm, other -> configure(t, SsmClient.builder(), Region.of(other), creds, endpointUrl).build()),
                configure(t, software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder(), r, creds, endpointUrl).build(),
                configure(t, software.amazon.awssdk.services.sns.SnsClient.builder(), r, creds, endpointUrl).build(),
                configure(t, software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder(), r, creds, endpointUrl).build(),
                configure(t, software.amazon.awssdk.services.scheduler.SchedulerClient.builder(), r, creds, endpointUrl).build(),
                configure(t, software.amazon.awssdk.services.lambda.LambdaClient.builder(), r, creds, endpointUrl).build(),
                new RealCloudMap(http(t).build(), creds, region, endpointUrl, RetryPolicy::sleep, t));
    }

    /** SSM clients for other regions, made on first use (a secret given by ARN in another region) and closed with the rest. */
    private static final class SsmElsewhere implements java.util.function.Function<String, SsmClient>, AutoCloseable {
        private final String home;
        private final SsmClient homeClient;
        private final java.util.function.Function<String, SsmClient> make;
        private final java.util.Map<String, SsmClient> made = new java.util.concurrent.ConcurrentHashMap<>();

        SsmElsewhere(String home, SsmClient homeClient, java.util.function.Function<String, SsmClient> make) {
            this.home = home;
            this.homeClient = homeClient;
            this.make = make;
        }

        @Override public SsmClient apply(String region) {
            return region.equals(home) ? homeClient : made.computeIfAbsent(region, make);
        }

        @Override public void close() { made.values().forEach(SsmClient::close); }
    }

    /**
     * A profile that is not in ~/.aws/config or ~/.aws/credentials is a typo, not a network problem:
     * say so at once, with the profiles that do exist.
     */
    static void requireProfile(String profile) {
        ProfileFile files;
        try {
            files = ProfileFile.defaultProfileFile();
        } catch (RuntimeException unreadable) {
            throw new AwsFailure(AwsFailure.Kind.PERMISSION, "cannot read the AWS config files to find profile '" + profile + "': "
                    + unreadable.getMessage(), "fix ~/.aws/config (or AWS_CONFIG_FILE), or drop --profile (and AWS_PROFILE)", unreadable);
        }
        if (files.profile(profile).isPresent()) return;
        java.util.Set<String> found = new java.util.TreeSet<>(files.profiles().keySet());
        throw new AwsFailure(AwsFailure.Kind.PERMISSION, "the AWS profile '" + profile + "' does not exist; "
                + (found.isEmpty() ? "no profiles were found in ~/.aws/config or ~/.aws/credentials"
                        : "profiles found: " + String.join(", ", found)),
                found.isEmpty() ? "run 'aws configure --profile " + profile + "', or rehearse on the simulated AWS with --simulate"
                        : "pass one of those with --profile (or set AWS_PROFILE to it), or add '" + profile + "' with 'aws configure --profile " + profile + "'");
    }

    private static UrlConnectionHttpClient.Builder http(Timeouts t) {
        return UrlConnectionHttpClient.builder().connectionTimeout(RetryPolicy.CONNECT_TIMEOUT).socketTimeout(t.attempt());
    }

    private static <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(
            Timeouts t, B builder, Region region, AwsCredentialsProvider creds, String endpointUrl) {
        builder.region(region).credentialsProvider(creds);
        // The one retry policy; every attempt and call bounded in time; and an endpoint that is
        // unreachable or silent is named in the error, not left as "Connection refused".
        builder.overrideConfiguration(o -> o.retryStrategy(RetryPolicy.strategy()).apiCallAttemptTimeout(t.attempt()).apiCallTimeout(t.call())
                .addExecutionInterceptor(new NameUnreachableEndpoint(t)));
        builder.httpClientBuilder(http(t));
        if (endpointUrl != null && !endpointUrl.isBlank()) builder.endpointOverride(URI.create(endpointUrl));
        return builder;
    }
}
