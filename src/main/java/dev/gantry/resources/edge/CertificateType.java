package dev.gantry.resources.edge;

import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.Poll;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.InvalidArnException;
import software.amazon.awssdk.services.acm.model.ResourceInUseException;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import dev.gantry.spec.Certificate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code certificate.main}: a DNS-validated ACM certificate that gantry requests, or (data) an
 * existing one given by ARN. Validation CNAMEs go into the app's hosted zone when it covers the
 * names; for names elsewhere gantry prints the records to create by hand and keeps waiting.
 * The zone gantry wrote to is remembered in the tag {@code gantry:validation-zone}, so a later
 * destroy removes exactly those records.
 */
final class CertificateType implements ResourceType {
    static final Duration ISSUE_TIMEOUT = Duration.ofMinutes(45);
    /** How long ACM typically takes to issue once its validation records are in the zone (docs/timings.md). */
    static final Duration TYPICAL_VALIDATION = Duration.ofSeconds(120);
    static final Duration OPTIONS_TIMEOUT = Duration.ofMinutes(5);
    /** How long ACM may take to notice a deleted listener no longer uses the certificate. */
    static final Duration IN_USE_TIMEOUT = Duration.ofMinutes(15);
    static final String TAG_ZONE = "gantry:validation-zone";
    /** {@code gantry:validation-record-N}: "NAME VALUE" of each validation CNAME gantry wrote into the zone. */
    static final String TAG_VALIDATION = "gantry:validation-record-";
    static final String TIMEOUT_FIX = "create the validation CNAME records shown above where the domain's DNS is hosted, "
            + "then run 'gantry apply' again (ACM keeps the request open for 72 hours)";
    static final long VALIDATION_TTL = 300;
    static final Duration REMINDER = Duration.ofMinutes(15);
    /**
     * The {@code validationRecords} prop when the CNAMEs gantry wrote into the zone hold ACM's
     * values; otherwise it names each one missing or changed. ACM renews through them, so one
     * deleted by hand is drift: the plan shows it, apply writes it again.
     */
    static final String RECORDS_PRESENT = "present";

    @Override public String type() { return "certificate"; }

    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.CERTIFICATE; }

    @Override public String noun() { return "certificate"; }

    /** DNS validation of a new certificate takes about two minutes once the record exists. */

    @Override public java.time.Duration typicalDuration() { return java.time.Duration.ofSeconds(120); }

    @Override public int tier() { return 1; }

    @Override public Set<String> replaceOn() { return Set.of("domain", "alternativeNames", "arn"); }

    /** Nothing unique in the way: the new one serves before the old one goes. */
    @Override public boolean createBeforeDestroy() { return true; }

    // ---------------------------------------------------------------- refresh / lookup

    @Override
    public List<Observed> refresh(ResourceContext ctx) {
        List<Observed> out = new ArrayList<>();
        for (CertificateSummary s : ctx.aws().acm().listCertificatesPaginator(b -> b
                .certificateStatuses(CertificateStatus.PENDING_VALIDATION, CertificateStatus.ISSUED)).certificateSummaryList()) {
            Map<String, String> tags = new LinkedHashMap<>();
            try {
                ctx.aws().acm().listTagsForCertificate(b -> b.certificateArn(s.certificateArn())).tags()
                        .forEach(tag -> tags.put(tag.key(), tag.value()));
            } catch (ResourceNotFoundException gone) {
                continue;
            }
            if (!ctx.app().equals(tags.get(ResourceContext.TAG_APP))) continue;
            String component = tags.get(ResourceContext.TAG_COMPONENT);
            if (component == null || !component.startsWith(type() + ".")) continue;
            ctx.sawTags(Address.parse(component), tags);
            // A request still pending is reported without its zone, so the plan updates it in
            // place: the update (re)writes the validation records and waits for ISSUED. This is
            // how an apply interrupted between the request and the records finishes the job.
            String zone = s.status() == CertificateStatus.PENDING_VALIDATION ? null : tags.get(TAG_ZONE);
            Map<String, String> written = written(tags);
            if (zone != null && written.isEmpty()) {
                // Validated through the zone before gantry remembered the records in tags: their
                // names and values are in the certificate's description.
                CertificateDetail d = describe(ctx, s.certificateArn());
                out.add(observed(Address.parse(component), d, zone, validationState(ctx, validationRecords(d), zone)));
            } else if (zone != null && s.status() != null && s.hasSubjectAlternativeNameSummaries()
                    && !Boolean.TRUE.equals(s.hasAdditionalSubjectAlternativeNames())) {
                out.add(observed(Address.parse(component), s.certificateArn(), s.domainName(), s.subjectAlternativeNameSummaries(),
                        s.statusAsString(), zone, validationState(ctx, written, zone)));
            } else if (zone != null) {
                CertificateDetail d = describe(ctx, s.certificateArn());
                out.add(observed(Address.parse(component), d, zone, validationState(ctx, written, zone)));
            } else if (s.status() != null && s.hasSubjectAlternativeNameSummaries() && !Boolean.TRUE.equals(s.hasAdditionalSubjectAlternativeNames())) {
                // The listing already holds every name and the status: nothing more to describe.
                out.add(observed(Address.parse(component), s.certificateArn(), s.domainName(), s.subjectAlternativeNameSummaries(),
                        s.statusAsString(), zone));
            } else {
                CertificateDetail d = describe(ctx, s.certificateArn());
                zone = d.status() == CertificateStatus.PENDING_VALIDATION ? null : tags.get(TAG_ZONE);
                out.add(observed(Address.parse(component), d, zone));
            }
        }
        return out;
    }

    /** An existing certificate: it must be ISSUED, in the app's region, and cover the names the app serves. */
    @Override
    public Optional<Observed> lookup(ResourceContext ctx, Desired desired) {
        String arn = Props.str(desired.props(), "arn");
        String[] parts = arn.split(":");
        if (parts.length > 3 && !parts[3].equals(ctx.region())) {
            throw new AwsFailure(AwsFailure.Kind.INVALID, "certificate.arn is in region " + parts[3] + " but the app runs in " + ctx.region(),
                    "a load balancer can only use a certificate from its own region: request or import one in " + ctx.region());
        }
        CertificateDetail d;
        try {
            d = describe(ctx, arn);
        } catch (ResourceNotFoundException | InvalidArnException e) {
            throw new AwsFailure(AwsFailure.Kind.NOT_FOUND, "certificate.arn " + arn + " does not exist in this account",
                    "copy the ARN from the ACM console (Certificates), or use certificate.domain to let gantry request one", e);
        }
        if (d.status() != CertificateStatus.ISSUED) {
            throw new AwsFailure(AwsFailure.Kind.INVALID, "certificate " + arn + " (" + d.domainName() + ") is " + d.statusAsString() + ", not ISSUED",
                    "finish its validation in the ACM console, or use certificate.domain to let gantry request and validate one");
        }
        List<String> names = d.hasSubjectAlternativeNames() ? d.subjectAlternativeNames() : List.of(d.domainName());
        for (Object host : dev.gantry.resources.Props.strings(desired.props(), "covers")) {
            if (names.stream().noneMatch(n -> Certificate.covers(n, (String) host))) {
                throw new AwsFailure(AwsFailure.Kind.INVALID, "certificate " + arn + " does not cover " + host + " (it covers " + String.join(", ", names) + ")",
                        "use a certificate whose names include " + host + ", or set certificate.domain to let gantry request one");
            }
        }
        return Optional.of(new Observed(desired.address(), arn, desired.props(), Map.of("id", arn, "arn", arn)));
    }

    // ---------------------------------------------------------------- create / update / delete

    /** AddTagsToCertificate adds or overwrites the app's tags on the certificate it already has. */
    @Override public Step retag(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            List<Tag> tags = new ArrayList<>();
            ctx.tags(desired.address()).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
            ctx.aws().acm().addTagsToCertificate(b -> b.certificateArn(existing.id()).tags(tags));
            return StepResult.done(existing);
        };
    }

    @Override
    public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        if (desired.data()) return () -> StepResult.done(lookup(ctx, desired).orElseThrow());
        String domain = Props.str(props, "domain");
        List<String> sans = dev.gantry.resources.Props.strings(props, "alternativeNames");
        String zoneId = Props.str(props, "zoneId");
        // ACM answers a token it saw within the hour with that token's first certificate, whatever
        // the names and even once it is deleted. So the token is this one intended certificate's: a
        // random part, kept for the retries of this request (the client's, a re-run of this step),
        // and new for the next one (destroy then apply, a domain edit reverted, within the hour).
        // A crash after the request needs no token: the certificate carries its tags from the start.
        String token = EdgeNames.idempotencyToken(ctx.app(), desired.address() + "|" + domain + "|" + sans + "|" + java.util.UUID.randomUUID());
        return () -> {
            List<Tag> tags = new ArrayList<>();
            ctx.tags(desired.address()).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
            if (zoneId != null) tags.add(Tag.builder().key(TAG_ZONE).value(zoneId).build());
            String arn = ctx.aws().acm().requestCertificate(b -> b.domainName(domain).subjectAlternativeNames(sans)
                    .validationMethod(ValidationMethod.DNS).idempotencyToken(token)
                    .tags(tags)).certificateArn();
            return validate(ctx, desired.address(), arn, zoneId, true).run();
        };
    }

    @Override
    public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        if (desired.data()) return () -> StepResult.done(lookup(ctx, desired).orElseThrow());
        String arn = current.id();
        String zoneId = Props.str(props, "zoneId");
        return () -> {
            if (zoneId != null) {
                ctx.aws().acm().addTagsToCertificate(b -> b.certificateArn(arn).tags(Tag.builder().key(TAG_ZONE).value(zoneId).build()));
            } else if (current.props().get("zoneId") != null) {
                ctx.aws().acm().removeTagsFromCertificate(b -> b.certificateArn(arn).tags(Tag.builder().key(TAG_ZONE).build()));
            }
            CertificateDetail d = describe(ctx, arn);
            String before = Props.str(current.props(), "zoneId");
            if (before != null && !before.equals(zoneId)) {
                // ACM renews through the same CNAMEs, so they move with the zone: written in the new one
                // before they leave the old one (where nothing would ever remove them).
                if (zoneId != null) writeOrExplain(ctx, d, zoneId);
                removeValidationRecords(ctx, d, before);
            }
            if (d.status() == CertificateStatus.ISSUED) {
                boolean moved = before != null && !before.equals(zoneId);
                if (zoneId != null && !moved && !RECORDS_PRESENT.equals(current.props().get("validationRecords"))) {
                    writeOrExplain(ctx, d, zoneId); // deleted or changed by hand: ACM could not renew
                }
                return StepResult.done(observed(desired.address(), d, zoneId));
            }
            return validate(ctx, desired.address(), arn, zoneId, false).run();
        };
    }

    /** The validation records gantry wrote, as its tags remember them: name → value. */
    private static Map<String, String> written(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach((k, v) -> {
            int space = v.indexOf(' ');
            if (k.startsWith(TAG_VALIDATION) && space > 0) out.put(v.substring(0, space), v.substring(space + 1));
        });
        return out;
    }

    /** {@link #RECORDS_PRESENT}, or which of the validation CNAMEs in the spec's zone are missing or hold another value. */
    private static String validationState(ResourceContext ctx, Map<String, String> records, String zoneId) {
        String zoneName = ctx.wanted().str(Addresses.HOSTED_ZONE, "name"), record = ctx.wanted().str(Addresses.DNS_RECORD, "name");
        if (zoneName == null || record == null) return RECORDS_PRESENT; // the zone left the spec: the update moves or removes them anyway
        // Another zone now (the spec's zone changed): the update moves them there anyway.
        if (Zones.publicZone(ctx, zoneName).map(z -> !Zones.id(z.id()).equals(Zones.id(zoneId))).orElse(true)) return RECORDS_PRESENT;
        String anchor = record;
        List<String> wrong = new ArrayList<>();
        try {
            for (Map.Entry<String, String> want : records.entrySet()) {
                if (!Zones.covers(zoneName, want.getKey())) continue;
                Optional<ResourceRecordSet> have = Zones.record(ctx, zoneId, want.getKey(), RRType.CNAME, anchor);
                if (have.isEmpty()) {
                    wrong.add("missing " + EdgeNames.stripDot(want.getKey()));
                } else if (!have.get().hasResourceRecords() || have.get().resourceRecords().size() != 1
                        || !EdgeNames.stripDot(have.get().resourceRecords().get(0).value()).equals(EdgeNames.stripDot(want.getValue()))) {
                    wrong.add("changed " + EdgeNames.stripDot(want.getKey()));
                }
            }
        } catch (NoSuchHostedZoneException gone) {
            return "missing (the hosted zone " + zoneId + " is gone)";
        }
        return wrong.isEmpty() ? RECORDS_PRESENT : String.join(", ", wrong);
    }

    @Override
    public Step delete(ResourceContext ctx, Observed current) {
        // An existing certificate named by ARN belongs to someone else: never deleted.
        if (current.props().containsKey("arn")) return () -> StepResult.done(current);
        return () -> {
            CertificateDetail d;
            try {
                d = describe(ctx, current.id());
            } catch (ResourceNotFoundException gone) {
                return StepResult.done(current);
            }
            // DescribeCertificate's InUseBy is cleared late by AWS (never by some emulators): ask ACM to
            // delete, and wait only while it answers ResourceInUseException.
            String zoneId = Props.str(current.props(), "zoneId");
            return Poll.until(ctx, "ACM to release the certificate from the deleted HTTPS listener", IN_USE_TIMEOUT,
                    "something else still uses the certificate for " + d.domainName() + " (the ACM console lists it under"
                            + " 'Associated resources'); remove that, then run 'gantry destroy' again", () -> {
                        try {
                            ctx.aws().acm().deleteCertificate(b -> b.certificateArn(current.id()));
                        } catch (ResourceInUseException stillUsed) {
                            return Optional.empty();
                        } catch (ResourceNotFoundException gone) {
                            // deleted by an earlier try whose answer was lost
                        }
                        // Only once the certificate is gone: it still renews through these records until then.
                        if (zoneId != null) removeValidationRecords(ctx, d, zoneId);
                        return Optional.of(current);
                    }).run();
        };
    }

    // ---------------------------------------------------------------- validation

    /**
     * Wait for ACM to publish the CNAMEs, write (or print) them, then wait for ISSUED.
     * {@code requested}: ACM has just taken the request, so nothing is published yet (it needs
     * some seconds: the first look comes after the first pause).
     */
    private Step validate(ResourceContext ctx, Address address, String arn, String zoneId, boolean requested) {
        CertificateDetail[] published = {null};
        java.util.function.Supplier<Optional<Observed>> check = () -> {
            CertificateDetail d;
            try {
                d = describe(ctx, arn);
            } catch (ResourceNotFoundException notYet) {
                return Optional.empty(); // ACM is eventually consistent right after the request
            }
            boolean ready = d.domainValidationOptions().stream().allMatch(v -> v.resourceRecord() != null);
            if (ready) published[0] = d;
            return ready ? Optional.of(new Observed(address, arn, Map.of(), Map.of())) : Optional.empty();
        };
        String fix = "run 'gantry apply' again; ACM normally publishes them within a minute";
        Step options = requested ? Poll.after(ctx, "ACM to publish the certificate's validation records", Duration.ZERO, OPTIONS_TIMEOUT, fix, check)
                : Poll.until(ctx, "ACM to publish the certificate's validation records", OPTIONS_TIMEOUT, fix, check);
        return Steps.then(options, ignored -> {
            // The look that found the records published has just described it.
            CertificateDetail d = published[0];
            if (d.status() == CertificateStatus.ISSUED) return Steps.done(observed(address, d, zoneId));
            Map<String, String> manual = writeOrExplain(ctx, d, zoneId);
            return waitIssued(ctx, address, arn, zoneId, d.domainName(), manual);
        });
    }

    /** Entered right after the validation records were written (or shown): ACM cannot have issued it yet, so the first look waits. */
    private Step waitIssued(ResourceContext ctx, Address address, String arn, String zoneId, String domain, Map<String, String> manual) {
        Instant[] nextReminder = {ctx.time().now().plus(REMINDER)};
        Duration typical = manual.isEmpty() ? TYPICAL_VALIDATION : Duration.ZERO;
        return Poll.after(ctx, "ACM to validate and issue the certificate", typical, ISSUE_TIMEOUT, TIMEOUT_FIX, () -> {
            CertificateDetail d = describe(ctx, arn);
            if (d.status() == CertificateStatus.ISSUED) return Optional.of(observed(address, d, zoneId));
            if (!manual.isEmpty() && !ctx.time().now().isBefore(nextReminder[0])) {
                // A long wait scrolls the first message away; the records are the one thing the person must act on.
                nextReminder[0] = ctx.time().now().plus(REMINDER);
                ctx.progress().info("still waiting for validation. " + instructions(domain, manual));
            }
            if (d.status() != CertificateStatus.PENDING_VALIDATION) {
                throw new AwsFailure(AwsFailure.Kind.OTHER, "ACM could not issue the certificate for " + d.domainName() + ": it is " + d.statusAsString()
                        + (d.failureReason() == null ? "" : " (" + d.failureReasonAsString() + ")"),
                        "check that the domain's name servers point at the hosted zone, then run 'gantry apply' again to request a new one");
            }
            return Optional.empty();
        });
    }

    /**
     * UPSERTs the CNAMEs the zone covers; tells the person exactly which records to create for the
     * rest, and returns those.
     */
    private Map<String, String> writeOrExplain(ResourceContext ctx, CertificateDetail d, String zoneId) {
        Map<String, String> records = validationRecords(d);
        Map<String, String> manual = new LinkedHashMap<>(records);
        if (zoneId != null) {
            String zoneName = Zones.zoneName(ctx, zoneId);
            List<Change> changes = new ArrayList<>();
            records.forEach((name, value) -> {
                if (!Zones.covers(zoneName, name)) return;
                manual.remove(name);
                changes.add(Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(cname(name, value, VALIDATION_TTL)).build());
            });
            if (!changes.isEmpty()) {
                ctx.aws().route53().changeResourceRecordSets(b -> b.hostedZoneId(zoneId)
                        .changeBatch(cb -> cb.comment("gantry: ACM validation for " + d.domainName()).changes(changes)));
                // Remembered on the certificate, so a refresh checks them without describing it.
                List<Tag> written = new ArrayList<>();
                for (Change c : changes) {
                    written.add(Tag.builder().key(TAG_VALIDATION + written.size())
                            .value(c.resourceRecordSet().name() + " " + c.resourceRecordSet().resourceRecords().get(0).value()).build());
                }
                ctx.aws().acm().addTagsToCertificate(b -> b.certificateArn(d.certificateArn()).tags(written));
                ctx.progress().info("wrote " + changes.size() + " certificate validation record(s) into the hosted zone " + zoneName);
            }
        }
        if (!manual.isEmpty()) ctx.progress().info(instructions(d.domainName(), manual));
        return manual;
    }

    static String instructions(String domain, Map<String, String> records) {
        StringBuilder sb = new StringBuilder("To validate the certificate for " + domain
                + ", create " + (records.size() == 1 ? "this DNS record" : "these DNS records")
                + " where the domain's DNS is hosted (gantry keeps waiting up to " + ISSUE_TIMEOUT.toMinutes() + " minutes):");
        records.forEach((name, value) -> sb.append("\n  CNAME  ").append(name).append("  ->  ").append(value));
        return sb.toString();
    }

    /**
     * Deletes the validation CNAMEs gantry wrote, if they still hold ACM's values and no other
     * certificate in the account validates through the same record (ACM reuses one per name).
     */
    private void removeValidationRecords(ResourceContext ctx, CertificateDetail d, String zoneId) {
        Set<String> sharedNames = new TreeSet<>();
        for (CertificateSummary s : ctx.aws().acm().listCertificatesPaginator(b -> {}).certificateSummaryList()) {
            if (s.certificateArn().equals(d.certificateArn())) continue;
            sharedNames.add(base(s.domainName()));
            if (s.hasSubjectAlternativeNameSummaries()) s.subjectAlternativeNameSummaries().forEach(n -> sharedNames.add(base(n)));
        }

        List<Change> deletes = new ArrayList<>();
        try {
            for (DomainValidation v : d.domainValidationOptions()) {
                if (v.resourceRecord() == null || sharedNames.contains(base(v.domainName()))) continue;
                String name = v.resourceRecord().name();
                if (deletes.stream().anyMatch(c -> c.resourceRecordSet().name().equalsIgnoreCase(name))) continue;
                Optional<ResourceRecordSet> current = Zones.record(ctx, zoneId, name, RRType.CNAME);
                if (current.isEmpty() || !current.get().hasResourceRecords() || current.get().resourceRecords().size() != 1
                        || !EdgeNames.stripDot(current.get().resourceRecords().get(0).value()).equals(EdgeNames.stripDot(v.resourceRecord().value()))) {
                    continue; // changed by someone else since: theirs now
                }
                deletes.add(Change.builder().action(ChangeAction.DELETE).resourceRecordSet(current.get()).build());
            }
            if (!deletes.isEmpty()) {
                Zones.deleteRecords(ctx, zoneId, "gantry: remove ACM validation for " + d.domainName(), deletes);
            }
        } catch (NoSuchHostedZoneException gone) {
            // the zone went first: nothing left to clean
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Validation record name → value, one per distinct record (a wildcard shares its base name's). */
    static Map<String, String> validationRecords(CertificateDetail d) {
        Map<String, String> out = new LinkedHashMap<>();
        for (DomainValidation v : d.domainValidationOptions()) {
            if (v.resourceRecord() != null) out.putIfAbsent(v.resourceRecord().name(), v.resourceRecord().value());
        }
        return out;
    }

    private static ResourceRecordSet cname(String name, String value, long ttl) {
        return ResourceRecordSet.builder().name(name).type(RRType.CNAME).ttl(ttl).resourceRecords(r -> r.value(value)).build();
    }

    private static String base(String name) {
        String n = EdgeNames.stripDot(name);
        return n.startsWith("*.") ? n.substring(2) : n;
    }

    private static CertificateDetail describe(ResourceContext ctx, String arn) {
        return ctx.aws().acm().describeCertificate(b -> b.certificateArn(arn)).certificate();
    }

    /** Just written or validated through the zone: its records are there. */
    private static Observed observed(Address address, CertificateDetail d, String zoneId) {
        return observed(address, d, zoneId, RECORDS_PRESENT);
    }

    private static Observed observed(Address address, CertificateDetail d, String zoneId, String validation) {
        return observed(address, d.certificateArn(), d.domainName(), d.hasSubjectAlternativeNames() ? d.subjectAlternativeNames() : List.of(),
                d.statusAsString(), zoneId, validation);
    }

    private static Observed observed(Address address, String arn, String domain, List<String> names, String status, String zoneId) {
        return observed(address, arn, domain, names, status, zoneId, RECORDS_PRESENT);
    }

    private static Observed observed(Address address, String arn, String domain, List<String> names, String status, String zoneId, String validation) {
        List<String> alternatives = new ArrayList<>(names);
        alternatives.remove(domain);
        alternatives.sort(null);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("domain", domain);
        props.put("alternativeNames", List.copyOf(alternatives));
        if (zoneId != null) {
            props.put("zoneId", zoneId);
            props.put("validationRecords", validation);
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("id", arn);
        outputs.put("arn", arn);
        outputs.put("status", status);
        return new Observed(address, arn, props, outputs);
    }
}
