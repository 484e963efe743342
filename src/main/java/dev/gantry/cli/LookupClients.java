package dev.gantry.cli;

import dev.gantry.aws.AwsClients;
import dev.gantry.wizard.Lookups;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Builds the read-only clients the wizard's look-ups need, after a quick credentials check.
 * (The lead may move client construction into {@code dev.gantry.Main} with the other commands'.)
 */
final class LookupClients {
    private LookupClients() {}

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);

    /** Real look-ups when credentials resolve within two seconds; otherwise offline, saying why. */
    static Lookups connect(String region, String profile, String endpointUrl) {
        DefaultCredentialsProvider.Builder b = DefaultCredentialsProvider.builder();
        if (profile != null) b.profileName(profile);
        AwsCredentialsProvider creds = b.build();
        try {
            // The provider chain may probe the instance metadata service, which hangs off EC2.
            CompletableFuture.supplyAsync(creds::resolveCredentials).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return new Lookups.Offline("no AWS credentials found (environment, ~/.aws profiles, SSO or instance role)");
        }
        return new AwsLookups(r -> clients(r, creds, endpointUrl), region, CALL_TIMEOUT);
    }

    private static AwsClients clients(String region, AwsCredentialsProvider creds, String endpointUrl) {
        Region r = Region.of(region);
        ClientOverrideConfiguration cfg = ClientOverrideConfiguration.builder()
                .apiCallTimeout(CALL_TIMEOUT).apiCallAttemptTimeout(Duration.ofSeconds(2)).build();
        URI endpoint = endpointUrl == null ? null : URI.create(endpointUrl);
        var sts = StsClient.builder().region(r).credentialsProvider(creds).overrideConfiguration(cfg)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        var ec2 = Ec2Client.builder().region(r).credentialsProvider(creds).overrideConfiguration(cfg)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        var acm = AcmClient.builder().region(r).credentialsProvider(creds).overrideConfiguration(cfg)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        var ssm = SsmClient.builder().region(r).credentialsProvider(creds).overrideConfiguration(cfg)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        // Route53 is global; its API lives in us-east-1 (aws-global).
        var route53 = Route53Client.builder().region(Region.AWS_GLOBAL).credentialsProvider(creds).overrideConfiguration(cfg)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint != null) {
            sts.endpointOverride(endpoint);
            ec2.endpointOverride(endpoint);
            acm.endpointOverride(endpoint);
            ssm.endpointOverride(endpoint);
            route53.endpointOverride(endpoint);
        }
        return new AwsClients(ec2.build(), null, null, acm.build(), route53.build(), ssm.build(), null, null, sts.build(), null);
    }
}
