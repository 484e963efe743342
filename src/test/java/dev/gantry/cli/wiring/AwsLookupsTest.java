package dev.gantry.cli.wiring;

import dev.gantry.aws.AwsClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.ListCertificatesRequest;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesResponse;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.time.Duration;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The look-ups on stub clients: answers, timeouts and failures, never the network. */
class AwsLookupsTest {

    private static AwsLookups lookups(AwsClients c) { return new AwsLookups(r -> c, "us-east-1", Duration.ofMillis(300)); }

    private static AwsClients clients(Ec2Client ec2, AcmClient acm, Route53Client r53, StsClient sts) {
        return new AwsClients(ec2, null, null, acm, r53, null, null, null, sts, null);
    }

    @Test
    void answersComeBackSortedAndFiltered() {
        Ec2Client ec2 = new Ec2Client() {
            @Override public String serviceName() { return "ec2"; }
            @Override public void close() {}
            @Override public DescribeAvailabilityZonesResponse describeAvailabilityZones(Consumer<DescribeAvailabilityZonesRequest.Builder> r) {
                return DescribeAvailabilityZonesResponse.builder().availabilityZones(
                        AvailabilityZone.builder().zoneName("us-east-1b").build(),
                        AvailabilityZone.builder().zoneName("us-east-1a").build()).build();
            }
        };
        Route53Client r53 = new Route53Client() {
            @Override public String serviceName() { return "route53"; }
            @Override public void close() {}
            @Override public ListHostedZonesResponse listHostedZones() {
                return ListHostedZonesResponse.builder().hostedZones(
                        HostedZone.builder().name("example.com.").config(c -> c.privateZone(false)).build(),
                        HostedZone.builder().name("internal.example.").config(c -> c.privateZone(true)).build()).build();
            }
        };
        AcmClient acm = new AcmClient() {
            @Override public String serviceName() { return "acm"; }
            @Override public void close() {}
            @Override public ListCertificatesResponse listCertificates(Consumer<ListCertificatesRequest.Builder> r) {
                return ListCertificatesResponse.builder().certificateSummaryList(
                        CertificateSummary.builder().certificateArn("arn:1").domainName("*.example.com").build(),
                        CertificateSummary.builder().certificateArn("arn:2").domainName("other.org").build()).build();
            }
        };
        AwsLookups l = lookups(clients(ec2, acm, r53, null));
        assertThat(l.availabilityZones("us-east-1").value()).containsExactly("us-east-1a", "us-east-1b");
        assertThat(l.hostedZones().value()).containsExactly("example.com");
        assertThat(l.certificates("us-east-1", "hello.example.com").value()).extracting(c -> c.value()).containsExactly("arn:1");
    }

    @Test
    void aSlowCallTimesOutAndAFailingOneSaysWhy() {
        StsClient slow = new StsClient() {
            @Override public String serviceName() { return "sts"; }
            @Override public void close() {}
            @Override public GetCallerIdentityResponse getCallerIdentity() {
                try { Thread.sleep(5_000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                return GetCallerIdentityResponse.builder().account("1").build();
            }
            @Override public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest r) { return getCallerIdentity(); }
        };
        long start = System.nanoTime();
        var id = lookups(clients(null, null, null, slow)).identity();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(id.signedIn()).isFalse();
        assertThat(id.problem()).isEqualTo("who-am-I timed out after 300 ms");
        // The stub EC2 client has no DescribeVpcs: the SDK's default throws, which becomes "unavailable".
        Ec2Client bare = new Ec2Client() {
            @Override public String serviceName() { return "ec2"; }
            @Override public void close() {}
        };
        var vpcs = lookups(clients(bare, null, null, null)).vpcs("us-east-1");
        assertThat(vpcs.ok()).isFalse();
        assertThat(vpcs.unavailable()).startsWith("listing VPCs failed");
    }
}
