package dev.gantry.cli.wiring;

import dev.gantry.aws.AwsClients;
import dev.gantry.spec.Certificate;
import dev.gantry.wizard.Choice;
import dev.gantry.wizard.Lookup;
import dev.gantry.wizard.Lookups;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The wizard's live look-ups on real (or simulated) AWS. Read-only calls only; each runs with a
 * timeout on a daemon thread, and any failure (timeout, access denied, no network) becomes an
 * "unavailable" answer so the wizard falls back to typing instead of hanging or crashing.
 */
public final class AwsLookups implements Lookups {
    private final Function<String, AwsClients> clientsForRegion;
    private final String homeRegion;
    private final Duration timeout;
    private final Map<String, AwsClients> clients = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gantry-lookup");
        t.setDaemon(true);
        return t;
    });

    public AwsLookups(Function<String, AwsClients> clientsForRegion, String homeRegion, Duration timeout) {
        this.clientsForRegion = clientsForRegion;
        this.homeRegion = homeRegion;
        this.timeout = timeout;
    }

    private AwsClients in(String region) {
        return clients.computeIfAbsent(region == null ? homeRegion : region, clientsForRegion);
    }

    private <T> Lookup<T> timed(String what, Supplier<T> call) {
        Future<T> f = pool.submit(call::get);
        try {
            return Lookup.found(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            f.cancel(true);
            return Lookup.unavailable(what + " timed out after " + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Lookup.unavailable(what + " interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            int cut = msg.indexOf(" (Service:");
            return Lookup.unavailable(what + " failed: " + (cut > 0 ? msg.substring(0, cut) : msg));
        }
    }

    @Override public Identity identity() {
        Lookup<Identity> id = timed("who-am-I", () -> {
            var r = in(homeRegion).sts().getCallerIdentity();
            return new Identity(true, r.account(), r.arn(), null);
        });
        return id.ok() ? id.value() : Identity.none(id.unavailable());
    }

    @Override public Lookup<List<String>> availabilityZones(String region) {
        return timed("listing availability zones", () -> in(region).ec2().describeAvailabilityZones(r -> r.filters(
                        Filter.builder().name("state").values("available").build()))
                .availabilityZones().stream().map(z -> z.zoneName()).sorted().toList());
    }

    @Override public Lookup<List<Choice>> vpcs(String region) {
        return timed("listing VPCs", () -> in(region).ec2().describeVpcs().vpcs().stream()
                .map(v -> new Choice(v.vpcId(), v.vpcId(), v.cidrBlock() + (Boolean.TRUE.equals(v.isDefault()) ? " (default)" : "")
                        + name(v.tags())))
                .toList());
    }

    @Override public Lookup<List<SubnetInfo>> subnets(String region, String vpcId) {
        return timed("listing subnets", () -> in(region).ec2().describeSubnets(r -> r.filters(
                        Filter.builder().name("vpc-id").values(vpcId).build()))
                .subnets().stream()
                .map(s -> new SubnetInfo(s.subnetId(), s.availabilityZone(), s.cidrBlock(), Boolean.TRUE.equals(s.mapPublicIpOnLaunch())))
                .sorted(java.util.Comparator.comparing(SubnetInfo::availabilityZone).thenComparing(SubnetInfo::id))
                .toList());
    }

    @Override public Lookup<List<String>> hostedZones() {
        return timed("listing hosted zones", () -> in(homeRegion).route53().listHostedZones().hostedZones().stream()
                .filter(z -> z.config() == null || !Boolean.TRUE.equals(z.config().privateZone()))
                .map(z -> z.name().endsWith(".") ? z.name().substring(0, z.name().length() - 1) : z.name())
                .sorted().toList());
    }

    @Override public Lookup<List<Choice>> certificates(String region, String domain) {
        return timed("listing certificates", () -> {
            List<Choice> out = new ArrayList<>();
            for (CertificateSummary c : in(region).acm().listCertificates(r -> r.certificateStatuses(CertificateStatus.ISSUED))
                    .certificateSummaryList()) {
                List<String> names = new ArrayList<>();
                names.add(c.domainName());
                if (c.subjectAlternativeNameSummaries() != null) names.addAll(c.subjectAlternativeNameSummaries());
                if (domain == null || domain.isBlank() || names.stream().anyMatch(n -> Certificate.covers(n, domain))) {
                    out.add(new Choice(c.certificateArn(), c.domainName(), String.join(", ", names.stream().distinct().toList())));
                }
            }
            return out;
        });
    }

    @Override public Lookup<List<String>> parameters(String region, String prefix) {
        return timed("listing parameters", () -> in(region).ssm().describeParameters(r -> r.parameterFilters(
                        ParameterStringFilter.builder().key("Name").option("BeginsWith").values(prefix).build()))
                .parameters().stream().map(p -> p.name()).sorted().toList());
    }

    /** The registry's answer, as the pre-flight reads it: a digest, "unauthorized", or why there is none. */
    @Override public Lookup<ImageLook> image(String region, String image) {
        if (dev.gantry.spec.ImageRef.check(image) != null) return Lookup.unavailable("not a valid image reference");
        Lookup<dev.gantry.image.RegistryAnswer> asked = timed("asking the image's registry", () -> {
            dev.gantry.image.ImageName n = dev.gantry.image.ImageName.parse(image);
            return n.ecr() ? new dev.gantry.image.EcrRegistry(in(region).ecr()).look(n, null)
                    : dev.gantry.image.HttpRegistry.standard().look(n, null);
        });
        if (!asked.ok()) return Lookup.unavailable(asked.unavailable());
        if (asked.value() instanceof dev.gantry.image.RegistryAnswer.Found f) return Lookup.found(new ImageLook(f.digest(), false));
        if (asked.value() instanceof dev.gantry.image.RegistryAnswer.Unauthorized) return Lookup.found(new ImageLook(null, true));
        if (asked.value() instanceof dev.gantry.image.RegistryAnswer.NotFollowed n) return Lookup.unavailable(n.why());
        if (asked.value() instanceof dev.gantry.image.RegistryAnswer.Unreachable u) return Lookup.unavailable(u.why());
        return Lookup.unavailable("the registry has no such image (gantry plan says more)");
    }

    private static String name(List<Tag> tags) {
        return tags == null ? "" : tags.stream().filter(t -> t.key().equals("Name")).map(t -> " " + t.value()).findFirst().orElse("");
    }
}
