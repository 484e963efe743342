package dev.gantry.aws.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated ACM state: plain serialisable fields. (No no-argument getX()/isX() methods here:
 * Jackson would take them for properties.) A certificate's status, computed from the clock and
 * Route53, and every change to it are {@link AcmCertificates}', which {@link SimAcm} keeps.
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

    // ---- helpers for SimAcm and AcmCertificates ----

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

    static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
