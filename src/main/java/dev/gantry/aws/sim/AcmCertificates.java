package dev.gantry.aws.sim;

import dev.gantry.aws.sim.AcmState.CertRec;
import dev.gantry.aws.sim.AcmState.Validation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A certificate's life in the simulated ACM, kept by {@link SimAcm} and asked by the services ACM
 * talks to (ELB before it accepts a listener's certificate, Route53 before a batch changes
 * records): requests, and the status computed from the clock and Route53. A DNS-validated
 * certificate's validation records appear {@link AcmState#OPTIONS_DELAY} after the request, and
 * it is ISSUED {@code latency.certificateValidation()} after the last of its validation CNAMEs
 * exists in a zone of the account; without them it times out after
 * {@link AcmState#VALIDATION_TIMEOUT}. Once issued it stays issued ({@link #settle}), whatever
 * happens to the records. Source: ACM User Guide, "DNS validation" and "Troubleshoot certificate
 * validation" (72 hours).
 */
final class AcmCertificates {
    private final AcmState acm;
    private final Route53State route53;
    private final SimContext account;

    AcmCertificates(AcmState acm, Route53State route53, SimContext account) {
        this.acm = acm;
        this.route53 = route53;
        this.account = account;
    }

    static AcmCertificates of(SimWorld world) { return new AcmCertificates(world.state.acm, world.state.route53, world); }

    /** ISSUED, PENDING_VALIDATION or VALIDATION_TIMED_OUT, or null when there is no such certificate. */
    String status(String certificateArn) {
        CertRec c = acm.certificates.get(certificateArn);
        if (c == null) return null;
        latch(c);
        if (c.issuedAtMillis != 0) return "ISSUED";
        if (account.now().toEpochMilli() >= c.createdAtMillis + AcmState.VALIDATION_TIMEOUT.toMillis()) return "VALIDATION_TIMED_OUT";
        return "PENDING_VALIDATION";
    }

    /** Latches every certificate whose validation has completed, before records it relied on change. */
    void settle() { acm.certificates.values().forEach(this::latch); }

    CertRec newCertificate(String domain, List<String> sans, String token) {
        CertRec c = new CertRec();
        c.arn = "arn:aws:acm:" + account.region() + ":" + account.accountId() + ":certificate/" + uuid(account.newId("cert"));
        c.domain = domain.toLowerCase();
        LinkedHashSet<String> names = new LinkedHashSet<>();
        names.add(c.domain);
        if (sans != null) sans.forEach(s -> names.add(s.toLowerCase()));
        c.names = new ArrayList<>(names);
        c.idempotencyToken = token;
        c.createdAtMillis = account.now().toEpochMilli();
        c.optionsAtMillis = account.now().plus(AcmState.OPTIONS_DELAY).toEpochMilli();
        acm.certificates.put(c.arn, c);
        return c;
    }

    /**
     * An existing ISSUED certificate for {@code domain} (and {@code sans}), as if requested and
     * validated a day ago: for tests and {@code --simulate} runs of a spec with {@code certificate.arn}.
     */
    String seedIssued(String domain, List<String> sans) {
        CertRec c = newCertificate(domain, sans, null);
        long dayAgo = account.now().minus(Duration.ofDays(1)).toEpochMilli();
        c.createdAtMillis = dayAgo;
        c.optionsAtMillis = dayAgo;
        c.issuedAtMillis = dayAgo;
        return c.arn;
    }

    /** The same, under a given ARN (the one a spec names), unless the account already has it. */
    String seedIssued(String arn, String domain, List<String> sans) {
        if (acm.certificates.containsKey(arn)) return arn;
        String generated = seedIssued(domain, sans);
        CertRec c = acm.certificates.remove(generated);
        c.arn = arn;
        acm.certificates.put(arn, c);
        return arn;
    }

    private void latch(CertRec c) {
        if (c.issuedAtMillis != 0) return;
        long now = account.now().toEpochMilli();
        if (now < c.optionsAtMillis || now >= c.createdAtMillis + AcmState.VALIDATION_TIMEOUT.toMillis()) return;
        long lastWritten = c.optionsAtMillis;
        for (String n : c.names) {
            Validation v = AcmState.validation(account.accountId(), n);
            Instant at = route53.recordWrittenAt(v.name(), "CNAME", v.value());
            if (at == null && elsewhere(n)) at = Instant.ofEpochMilli(c.optionsAtMillis + AcmState.ADDED_BY_HAND.toMillis());
            if (at == null) return;
            lastWritten = Math.max(lastWritten, at.toEpochMilli());
        }
        long issueAt = lastWritten + account.latency().certificateValidation().toMillis();
        if (now >= issueAt) c.issuedAtMillis = issueAt;
    }

    private boolean elsewhere(String name) {
        String n = name.startsWith("*.") ? name.substring(2) : name;
        return acm.hostedElsewhere.contains(n) && !route53.hasPublicZoneFor(n);
    }

    private static String uuid(String seed) {
        String h = AcmState.hash(seed);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20, 32);
    }
}
