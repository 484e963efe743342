package dev.gantry.cli.wiring;

import dev.gantry.aws.RealAws;
import dev.gantry.wizard.Lookups;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Decides whether the wizard can look things up: a quick credentials check, then real look-ups. */
public final class LookupClients {
    private LookupClients() {}

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);

    /** Real look-ups when credentials resolve within two seconds; otherwise offline, saying why. */
    public static Lookups connect(String region, String profile, String endpointUrl) {
        AwsCredentialsProvider creds = profile != null && !profile.isBlank()
                ? ProfileCredentialsProvider.create(profile) : DefaultCredentialsProvider.builder().build();
        try {
            // The default chain may probe the instance metadata service, which hangs off EC2.
            CompletableFuture.supplyAsync(creds::resolveCredentials).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return new Lookups.Offline("no AWS credentials found (environment, ~/.aws profiles, SSO or instance role)");
        }
        return new AwsLookups(r -> RealAws.clients(r, profile, endpointUrl), region, CALL_TIMEOUT);
    }
}
