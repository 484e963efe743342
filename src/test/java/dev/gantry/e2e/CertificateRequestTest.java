package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Certificate;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ACM answers an idempotency token it saw within the hour with that token's first certificate, even
 * a deleted one: a certificate gantry means to request anew (after a destroy, or a domain edit
 * reverted) must not reuse an earlier request's token.
 */
class CertificateRequestTest {

    @Test void destroy_then_apply_within_the_hour_gets_a_new_certificate_and_serves() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        String first = h.aws.acm().listCertificates().certificateSummaryList().get(0).certificateArn();
        ApplyResult destroyed = h.destroy(spec);
        assertThat(destroyed.exitCode()).as(destroyed.failures().toString()).isZero();

        ApplyResult again = h.apply(spec);
        assertThat(again.exitCode()).as(again.failures().toString()).isZero();
        assertThat(h.aws.acm().listCertificates().certificateSummaryList()).singleElement()
                .satisfies(c -> assertThat(c.certificateArn()).isNotEqualTo(first));
        assertThat(SimServing.blocked(h.world, "hello.example.com")).isEmpty();
    }

    @Test void a_domain_edit_reverted_within_the_hour_gets_a_certificate_for_the_names_again() {
        Spec a = SimHarness.template("web-https.yaml");
        Spec b = a.withCertificate(new Certificate("hello.example.com", List.of("www.hello.example.com"), null));
        SimHarness h = new SimHarness().prepare(a);
        assertThat(h.apply(a).exitCode()).isZero();
        ApplyResult toB = h.apply(b);
        assertThat(toB.exitCode()).as(toB.failures().toString()).isZero();
        ApplyResult back = h.apply(a);
        assertThat(back.exitCode()).as(back.failures().toString()).isZero();
        assertThat(h.plan(a).hasChanges()).isFalse();
        assertThat(h.aws.acm().listCertificates().certificateSummaryList()).singleElement()
                .satisfies(c -> assertThat(c.subjectAlternativeNameSummaries()).containsExactly("hello.example.com"));
        assertThat(SimServing.blocked(h.world, "hello.example.com")).isEmpty();
    }
}
