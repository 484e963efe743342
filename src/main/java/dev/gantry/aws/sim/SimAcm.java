package dev.gantry.aws.sim;

import dev.gantry.aws.sim.AcmState.CertRec;
import dev.gantry.aws.sim.AcmState.Validation;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Simulated ACM: DNS-validated public certificates, validated through the simulated Route53. */
public final class SimAcm implements AcmClient {
    private static final Pattern TOKEN = Pattern.compile("\\w{1,32}");
    private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern ARN = Pattern.compile("arn:aws:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]{36}");
    /** The default quota of names per certificate (domain plus 9 more, raisable in Service Quotas). */
    private static final int MAX_NAMES = 10;

    private final SimWorld world;

    public SimAcm(SimWorld world) { this.world = world; }

    private AcmState st() { return world.state.acm; }

    private AcmCertificates certs() { return AcmCertificates.of(world); }

    /**
     * An existing ISSUED certificate for {@code domain} (and {@code sans}), as if requested and
     * validated a day ago: for tests and {@code --simulate} runs of a spec with {@code certificate.arn}.
     */
    public String seedIssued(String domain, List<String> sans) {
        synchronized (world) { return certs().seedIssued(domain, sans); }
    }

    /** The same, under a given ARN (the one a spec names), unless the account already has it. */
    public String seedIssued(String arn, String domain, List<String> sans) {
        synchronized (world) { return certs().seedIssued(arn, domain, sans); }
    }

    private RuntimeException err(int status, String code, String message) {
        AwsServiceException.Builder b = switch (code) {
            case "ResourceNotFoundException" -> ResourceNotFoundException.builder();
            case "ResourceInUseException" -> ResourceInUseException.builder();
            case "InvalidParameterException" -> InvalidParameterException.builder();
            case "InvalidArnException" -> InvalidArnException.builder();
            case "RequestInProgressException" -> RequestInProgressException.builder();
            case "LimitExceededException" -> LimitExceededException.builder();
            case "InvalidTagException" -> InvalidTagException.builder();
            case "TooManyTagsException" -> TooManyTagsException.builder();
            default -> AcmException.builder();
        };
        return SimErrors.error(b, "ACM", status, code, message);
    }

    private RuntimeException bad(String code, String message) { return err(400, code, message); }

    @Override
    public RequestCertificateResponse requestCertificate(RequestCertificateRequest r) {
        return world.mutate("acm:RequestCertificate", this::err, () -> {
            String method = r.validationMethodAsString() == null ? "EMAIL" : r.validationMethodAsString();
            if (!method.equals("DNS")) {
                throw bad("InvalidParameterException", "The simulated ACM validates by DNS only; ValidationMethod was " + method + " (AWS's default is EMAIL)");
            }
            if (r.idempotencyToken() != null && !TOKEN.matcher(r.idempotencyToken()).matches()) {
                throw bad("InvalidParameterException", "The IdempotencyToken '" + r.idempotencyToken() + "' must be 1-32 word characters");
            }
            List<String> names = new ArrayList<>();
            names.add(checkDomain(r.domainName()));
            for (String s : r.subjectAlternativeNames()) names.add(checkDomain(s));
            if (names.stream().distinct().count() > MAX_NAMES) {
                throw bad("LimitExceededException", "Cannot request a certificate with more than " + MAX_NAMES + " domain names");
            }
            Map<String, String> tags = tags(r.tags());
            // AWS (RequestCertificate, IdempotencyToken): "Idempotency tokens time out after one hour. [...] if you
            // call RequestCertificate multiple times with the same idempotency token within one hour, ACM
            // recognizes that you are requesting only one certificate and will issue only one." It does so
            // without looking at the other parameters (AWS support, terraform-provider-aws#6666): the
            // token's certificate is returned, even for other names, and even once deleted.
            if (r.idempotencyToken() != null) {
                long hourAgo = world.now().minus(Duration.ofHours(1)).toEpochMilli();
                AcmState.TokenRec seen = st().tokens.get(r.idempotencyToken());
                if (seen != null && seen.atMillis > hourAgo) return RequestCertificateResponse.builder().certificateArn(seen.arn).build();
            }
            CertRec c = certs().newCertificate(names.get(0), names.subList(1, names.size()), r.idempotencyToken());
            c.tags = new TreeMap<>(tags);
            if (r.idempotencyToken() != null) {
                AcmState.TokenRec t = new AcmState.TokenRec();
                t.arn = c.arn;
                t.atMillis = c.createdAtMillis;
                st().tokens.put(r.idempotencyToken(), t);
            }
            return RequestCertificateResponse.builder().certificateArn(c.arn).build();
        });
    }

    @Override
    public DescribeCertificateResponse describeCertificate(DescribeCertificateRequest r) {
        return world.read("acm:DescribeCertificate", this::err, () -> {
            CertRec c = cert(r.certificateArn());
            String status = certs().status(c.arn);
            List<DomainValidation> options = new ArrayList<>();
            boolean visible = st().optionsVisible(c, world.now());
            for (String n : c.names) {
                Validation v = AcmState.validation(world.accountId(), n);
                DomainValidation.Builder d = DomainValidation.builder().domainName(n).validationDomain(v.validationDomain())
                        .validationMethod(ValidationMethod.DNS)
                        .validationStatus(switch (status) {
                            case "ISSUED" -> DomainStatus.SUCCESS;
                            case "VALIDATION_TIMED_OUT" -> DomainStatus.FAILED;
                            default -> DomainStatus.PENDING_VALIDATION;
                        });
                if (visible) d.resourceRecord(ResourceRecord.builder().name(v.name()).type(RecordType.CNAME).value(v.value()).build());
                options.add(d.build());
            }
            CertificateDetail.Builder d = CertificateDetail.builder()
                    .certificateArn(c.arn).domainName(c.domain).subjectAlternativeNames(c.names)
                    .domainValidationOptions(options).status(status).type(CertificateType.AMAZON_ISSUED)
                    .keyAlgorithm(KeyAlgorithm.RSA_2048).createdAt(Instant.ofEpochMilli(c.createdAtMillis))
                    .inUseBy(world.state.elb.loadBalancersUsingCertificate(c.arn))
                    .renewalEligibility(status.equals("ISSUED") ? RenewalEligibility.ELIGIBLE : RenewalEligibility.INELIGIBLE);
            if (status.equals("ISSUED")) {
                Instant issued = Instant.ofEpochMilli(c.issuedAtMillis);
                d.issuedAt(issued).notBefore(issued).notAfter(issued.plus(Duration.ofDays(395)))
                        .issuer("Amazon").subject("CN=" + c.domain).signatureAlgorithm("SHA256WITHRSA");
            }
            if (status.equals("VALIDATION_TIMED_OUT")) d.failureReason(FailureReason.NO_AVAILABLE_CONTACTS);
            return DescribeCertificateResponse.builder().certificate(d.build()).build();
        });
    }

    @Override
    public GetCertificateResponse getCertificate(GetCertificateRequest r) {
        return world.read("acm:GetCertificate", this::err, () -> {
            CertRec c = cert(r.certificateArn());
            if (!"ISSUED".equals(certs().status(c.arn))) {
                throw bad("RequestInProgressException", "Certificate '" + c.arn + "' is not ISSUED");
            }
            String pem = "-----BEGIN CERTIFICATE-----\nU0lNVUxBVEVE\n-----END CERTIFICATE-----\n";
            return GetCertificateResponse.builder().certificate(pem).certificateChain(pem).build();
        });
    }

    @Override
    public ListCertificatesResponse listCertificates(ListCertificatesRequest r) {
        return world.read("acm:ListCertificates", this::err, () -> {
            List<String> wanted = r.hasCertificateStatuses() ? r.certificateStatusesAsStrings() : List.of();
            List<CertificateSummary> all = new ArrayList<>();
            for (CertRec c : st().certificates.values()) {
                String status = certs().status(c.arn);
                if (!wanted.isEmpty() && !wanted.contains(status)) continue;
                all.add(CertificateSummary.builder().certificateArn(c.arn).domainName(c.domain)
                        .subjectAlternativeNameSummaries(c.names).hasAdditionalSubjectAlternativeNames(false)
                        .status(status).type(CertificateType.AMAZON_ISSUED).keyAlgorithm(KeyAlgorithm.RSA_2048)
                        .inUse(!world.state.elb.loadBalancersUsingCertificate(c.arn).isEmpty())
                        .createdAt(Instant.ofEpochMilli(c.createdAtMillis)).build());
            }
            int max = r.maxItems() == null ? 1000 : r.maxItems();
            if (max < 1 || max > 1000) throw bad("ValidationException", "MaxItems must be between 1 and 1000");
            int from = r.nextToken() == null ? 0 : parseToken(r.nextToken());
            int to = Math.min(all.size(), from + max);
            return ListCertificatesResponse.builder().certificateSummaryList(from >= all.size() ? List.of() : all.subList(from, to))
                    .nextToken(to < all.size() ? String.valueOf(to) : null).build();
        });
    }

    @Override
    public ListTagsForCertificateResponse listTagsForCertificate(ListTagsForCertificateRequest r) {
        return world.read("acm:ListTagsForCertificate", this::err, () -> ListTagsForCertificateResponse.builder()
                .tags(cert(r.certificateArn()).tags.entrySet().stream()
                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build());
    }

    @Override
    public AddTagsToCertificateResponse addTagsToCertificate(AddTagsToCertificateRequest r) {
        return world.mutate("acm:AddTagsToCertificate", this::err, () -> {
            CertRec c = cert(r.certificateArn());
            // ACM AddTagsToCertificate, Errors: InvalidTagException, TooManyTagsException.
            c.tags = new TreeMap<>(TagRules.merged(c.tags, tags(r.tags()), this::err, TagRules.ACM));
            return AddTagsToCertificateResponse.builder().build();
        });
    }

    @Override
    public RemoveTagsFromCertificateResponse removeTagsFromCertificate(RemoveTagsFromCertificateRequest r) {
        return world.mutate("acm:RemoveTagsFromCertificate", this::err, () -> {
            CertRec c = cert(r.certificateArn());
            for (Tag t : r.tags()) {
                if (t.value() == null || t.value().equals(c.tags.get(t.key()))) c.tags.remove(t.key());
            }
            return RemoveTagsFromCertificateResponse.builder().build();
        });
    }

    @Override
    public DeleteCertificateResponse deleteCertificate(DeleteCertificateRequest r) {
        return world.mutate("acm:DeleteCertificate", this::err, () -> {
            CertRec c = cert(r.certificateArn());
            if (!world.state.elb.loadBalancersUsingCertificate(c.arn).isEmpty()) {
                throw bad("ResourceInUseException", "Certificate " + c.arn + " in use.");
            }
            st().certificates.remove(c.arn);
            return DeleteCertificateResponse.builder().build();
        });
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}

    private CertRec cert(String arn) {
        if (arn == null || !ARN.matcher(arn).matches()) throw bad("InvalidArnException", "String '" + arn + "' is not a valid ARN");
        CertRec c = st().certificates.get(arn);
        if (c == null) throw bad("ResourceNotFoundException", "Could not find certificate " + arn + ".");
        return c;
    }

    private String checkDomain(String name) {
        if (name == null) throw bad("InvalidParameterException", "DomainName is required");
        String n = name.toLowerCase();
        if (n.length() > 253 || !DOMAIN.matcher(n).matches()) {
            throw bad("InvalidParameterException", "The domain name '" + name + "' is not valid");
        }
        if (n.split("\\.")[0].length() > 64) throw bad("InvalidParameterException", "The first label of '" + name + "' is longer than 64 characters");
        return n;
    }

    private Map<String, String> tags(List<Tag> in) {
        Map<String, String> out = new TreeMap<>();
        for (Tag t : in) {
            if (t.key().startsWith("aws:")) throw bad("InvalidTagException", "Tag keys starting with 'aws:' are reserved");
            out.put(t.key(), t.value() == null ? "" : t.value());
        }
        return out;
    }

    private int parseToken(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw bad("InvalidArgsException", "The NextToken '" + token + "' is not valid");
        }
    }
}
