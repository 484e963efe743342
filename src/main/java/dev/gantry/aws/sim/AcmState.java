package dev.gantry.aws.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated ACM state: plain serialisable fields, and the queries other simulated services
 * need. (No no-argument getX()/isX() methods here: Jackson would take them for properties.)
 *
 * <p>A DNS-validated certificate's status is computed from the clock and Route53: its validation
 * records appear {@link #OPTIONS_DELAY} after the request, and it is ISSUED
 * {@code latency.certificateValidation()} after the last of its validation CNAMEs exists in a zone
 * of the account. Once issued it stays issued ({@link #settle}), whatever happens to the records.
 */
public final class AcmState {
    /** ACM takes a few seconds after RequestCertificate before DescribeCertificate shows the CNAMEs. */
    public static final Duration OPTIONS_DELAY = Duration.ofSeconds(5);
    /** ACM gives up on an unvalidated request after 72 hours. */
    public static final Duration VALIDATION_TIMEOUT = Duration.ofHours(72);

    /** By ARN. */
    public Map<String, CertRec> certificates = new TreeMap<>();

    /**
     * Names whose DNS is hosted outside this account (a rehearsal of a spec without a Route53 zone
     * for its certificate): there the person adds the validation CNAME by hand, at their DNS
     * provider, which no simulated API can see. A rehearsal cannot wait for a person, so the
     * record counts as added {@link #ADDED_BY_HAND} after ACM publishes it; a zone of the account
     * that covers the name still decides instead.
     */
    public List<String> hostedElsewhere = new ArrayList<>();
    /** How long the simulated person takes to add a validation record by hand. */
    public static final Duration ADDED_BY_HAND = Duration.ofMinutes(1);

    /**
     * Every idempotency token RequestCertificate was given, with the certificate it made: AWS keeps
     * a token for an hour and answers it with that certificate's ARN even when the request names
     * other domains or the certificate has been deleted since (deleted, the ARN names nothing).
     */
    public Map<String, TokenRec> tokens = new TreeMap<>();

    public static final class TokenRec {
        public String arn;
        public long atMillis;
    }

    public static final class CertRec {
        public String arn;
        public String domain;
        /** Every name on the certificate, the domain first (ACM lists it among the SANs too). */
        public List<String> names = new ArrayList<>();
        public String idempotencyToken;
        public long createdAtMillis;
        public long optionsAtMillis;
        /** 0 until the certificate is issued. */
        public long issuedAtMillis;
        public Map<String, String> tags = new TreeMap<>();
    }

    /** One validation CNAME: {@code name} must exist with {@code value} for {@code domain} to validate. */
    public record Validation(String domain, String validationDomain, String name, String value) {}

    // ---- queries used by the simulated ELB and Route53 ----

    /** ISSUED, PENDING_VALIDATION or VALIDATION_TIMED_OUT, or null when there is no such certificate. */
    public String status(String certificateArn, SimWorld world) {
        CertRec c = certificates.get(certificateArn);
        if (c == null) return null;
        latch(c, world);
        if (c.issuedAtMillis != 0) return "ISSUED";
        if (world.now().toEpochMilli() >= c.createdAtMillis + VALIDATION_TIMEOUT.toMillis()) return "VALIDATION_TIMED_OUT";
        return "PENDING_VALIDATION";
    }

    /** Latches every certificate whose validation has completed, before records it relied on change. */
    public void settle(SimWorld world) { certificates.values().forEach(c -> latch(c, world)); }

    /**
     * An existing ISSUED certificate for {@code domain} (and {@code sans}), as if requested and
     * validated a day ago: for tests and {@code --simulate} runs of a spec with {@code certificate.arn}.
     */
    public String seedIssued(String domain, List<String> sans, SimWorld world) {
        CertRec c = newCertificate(domain, sans, null, world);
        long dayAgo = world.now().minus(Duration.ofDays(1)).toEpochMilli();
        c.createdAtMillis = dayAgo;
        c.optionsAtMillis = dayAgo;
        c.issuedAtMillis = dayAgo;
        return c.arn;
    }

    /** The same, under a given ARN (the one a spec names), unless the account already has it. */
    public String seedIssued(String arn, String domain, List<String> sans, SimWorld world) {
        if (certificates.containsKey(arn)) return arn;
        String generated = seedIssued(domain, sans, world);
        CertRec c = certificates.remove(generated);
        c.arn = arn;
        certificates.put(arn, c);
        return arn;
    }

    // ---- helpers for SimAcm ----

    CertRec newCertificate(String domain, List<String> sans, String token, SimWorld world) {
        CertRec c = new CertRec();
        c.arn = "arn:aws:acm:" + world.region() + ":" + world.accountId() + ":certificate/" + uuid(world.newId("cert"));
        c.domain = domain.toLowerCase();
        LinkedHashSet<String> names = new LinkedHashSet<>();
        names.add(c.domain);
        if (sans != null) sans.forEach(s -> names.add(s.toLowerCase()));
        c.names = new ArrayList<>(names);
        c.idempotencyToken = token;
        c.createdAtMillis = world.now().toEpochMilli();
        c.optionsAtMillis = world.now().plus(OPTIONS_DELAY).toEpochMilli();
        certificates.put(c.arn, c);
        return c;
    }

    /**
     * The validation record for one name. ACM derives it from the account and the domain (a
     * wildcard shares its base domain's record), so certificates for the same name reuse it.
     */
    static Validation validation(String accountId, String name) {
        String base = name.startsWith("*.") ? name.substring(2) : name;
        String left = hash(accountId + "|" + base).substring(0, 32);
        String right = hash(base + "|" + accountId).substring(0, 32);
        return new Validation(name, base, "_" + left + "." + base + ".", "_" + right + ".acm-validations.aws.");
    }

    boolean optionsVisible(CertRec c, Instant now) { return now.toEpochMilli() >= c.optionsAtMillis; }

    private void latch(CertRec c, SimWorld world) {
        if (c.issuedAtMillis != 0) return;
        long now = world.now().toEpochMilli();
        if (now < c.optionsAtMillis || now >= c.createdAtMillis + VALIDATION_TIMEOUT.toMillis()) return;
        long lastWritten = c.optionsAtMillis;
        for (String n : c.names) {
            Validation v = validation(world.accountId(), n);
            Instant at = world.state.route53.recordWrittenAt(v.name(), "CNAME", v.value());
            if (at == null && elsewhere(n, world)) at = Instant.ofEpochMilli(c.optionsAtMillis + ADDED_BY_HAND.toMillis());
            if (at == null) return;
            lastWritten = Math.max(lastWritten, at.toEpochMilli());
        }
        long issueAt = lastWritten + world.latency.certificateValidation().toMillis();
        if (now >= issueAt) c.issuedAtMillis = issueAt;
    }

    private boolean elsewhere(String name, SimWorld world) {
        String n = name.startsWith("*.") ? name.substring(2) : name;
        return hostedElsewhere.contains(n) && !world.state.route53.hasPublicZoneFor(n);
    }

    private static String uuid(String seed) {
        String h = hash(seed);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20, 32);
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
