package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.ops.DriftWords;
import dev.gantry.plan.Action;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 27 item 12: the certificate's validation CNAME deleted by hand is drift, like any other. */
class ValidationRecordDriftTest {
    static final Spec SPEC = SimHarness.template("web-https.yaml");

    static ResourceRecord validation(SimHarness h) {
        String arn = h.aws.acm().listCertificates().certificateSummaryList().get(0).certificateArn();
        return h.aws.acm().describeCertificate(b -> b.certificateArn(arn)).certificate().domainValidationOptions().get(0).resourceRecord();
    }

    static Optional<ResourceRecordSet> cname(SimHarness h, String zoneId, String name) {
        return h.aws.route53().listResourceRecordSets(b -> b.hostedZoneId(zoneId)).resourceRecordSets().stream()
                .filter(r -> r.type() == RRType.CNAME && r.name().equalsIgnoreCase(name)).findFirst();
    }

    @Test void a_deleted_validation_record_shows_in_plan_and_status_and_apply_writes_it_again() {
        SimHarness h = new SimHarness().prepare(SPEC);
        assertThat(h.apply(SPEC).exitCode()).isZero();
        String zoneId = h.aws.route53().listHostedZonesByName(b -> b.dnsName("example.com.")).hostedZones().get(0).id();
        ResourceRecord want = validation(h);
        ResourceRecordSet written = cname(h, zoneId, want.name()).orElseThrow();
        h.aws.route53().changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(cb -> cb.changes(c -> c
                .action(ChangeAction.DELETE).resourceRecordSet(written))));

        Plan plan = h.plan(SPEC);
        assertThat(plan.mutating()).singleElement().satisfies(c -> {
            assertThat(c.address().toString()).isEqualTo("certificate.main");
            assertThat(c.action()).isEqualTo(Action.UPDATE);
            assertThat(c.fields()).extracting(Change.FieldChange::field).containsExactly("validationRecords");
            assertThat(String.valueOf(c.fields().get(0).before())).contains("missing").contains(want.name().replaceAll("\\.$", ""));
        });
        assertThat(DriftWords.of(plan)).singleElement().satisfies(d -> assertThat(d.summary()).contains("validationRecords"));

        ApplyResult fixed = h.apply(SPEC);
        assertThat(fixed.exitCode()).as(fixed.failures().toString()).isZero();
        assertThat(fixed.updated()).isEqualTo(1);
        assertThat(cname(h, zoneId, want.name())).hasValueSatisfying(r ->
                assertThat(r.resourceRecords().get(0).value()).isEqualTo(want.value()));
        assertThat(h.plan(SPEC).hasChanges()).isFalse();
    }

    @Test void a_validation_record_changed_by_hand_is_set_back() {
        SimHarness h = new SimHarness().prepare(SPEC);
        assertThat(h.apply(SPEC).exitCode()).isZero();
        String zoneId = h.aws.route53().listHostedZonesByName(b -> b.dnsName("example.com.")).hostedZones().get(0).id();
        ResourceRecord want = validation(h);
        h.aws.route53().changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(cb -> cb.changes(c -> c
                .action(ChangeAction.UPSERT).resourceRecordSet(r -> r.name(want.name()).type(RRType.CNAME).ttl(300L)
                        .resourceRecords(v -> v.value("somewhere.else.example.net."))))));
        Plan plan = h.plan(SPEC);
        assertThat(plan.mutating()).singleElement().satisfies(c ->
                assertThat(String.valueOf(c.fields().get(0).before())).startsWith("changed "));
        assertThat(h.apply(SPEC).exitCode()).isZero();
        assertThat(cname(h, zoneId, want.name()).orElseThrow().resourceRecords()).extracting(r -> r.value()).isEqualTo(List.of(want.value()));
        assertThat(h.plan(SPEC).hasChanges()).isFalse();
    }
}
