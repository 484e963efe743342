package dev.gantry.aws.sim;

import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ACM's certificate life on its own: its state, Route53's records and a clock, no world. */
class AcmCertificatesTest {
    private final VirtualScheduler clock = new VirtualScheduler();
    private final SimContext account = new StandaloneAccount(clock, SimLatency.realistic());
    private final AcmState acm = new AcmState();
    private final Route53State route53 = new Route53State();
    private final AcmCertificates certs = new AcmCertificates(acm, route53, account);

    private Route53State.RecordRec writeValidationRecord(String zoneId, String name) {
        AcmState.Validation v = AcmState.validation(account.accountId(), name);
        Route53State.RecordRec r = new Route53State.RecordRec();
        r.name = v.name();
        r.type = "CNAME";
        r.ttl = 300L;
        r.values = List.of(v.value());
        r.writtenAtMillis = clock.now().toEpochMilli();
        route53.zones.get(zoneId).records.add(r);
        return r;
    }

    @Test
    void issuesTheValidationTimeAfterItsRecordExistsAndStaysIssuedWhenTheRecordGoes() {
        String zone = route53.ensureZone("example.com");
        String arn = certs.newCertificate("hello.example.com", List.of(), "tok").arn;
        clock.advance(AcmState.OPTIONS_DELAY.plusMinutes(10));
        assertThat(certs.status(arn)).isEqualTo("PENDING_VALIDATION");

        Route53State.RecordRec record = writeValidationRecord(zone, "hello.example.com");
        clock.advance(SimLatency.realistic().certificateValidation().minusSeconds(1));
        assertThat(certs.status(arn)).isEqualTo("PENDING_VALIDATION");
        clock.advance(Duration.ofSeconds(1));
        certs.settle();
        route53.zones.get(zone).records.remove(record);
        assertThat(certs.status(arn)).isEqualTo("ISSUED");
    }

    @Test
    void timesOutAfterSeventyTwoHoursWithoutItsRecord() {
        route53.ensureZone("example.com");
        String arn = certs.newCertificate("hello.example.com", List.of("www.hello.example.com"), null).arn;
        clock.advance(AcmState.VALIDATION_TIMEOUT.minusSeconds(1));
        assertThat(certs.status(arn)).isEqualTo("PENDING_VALIDATION");
        clock.advance(Duration.ofSeconds(1));
        assertThat(certs.status(arn)).isEqualTo("VALIDATION_TIMED_OUT");
        assertThat(certs.status(arn.replace("certificate/", "certificate/0"))).isNull();
    }

    @Test
    void aNameHostedElsewhereIsValidatedByHandAMinuteAfterACMPublishesItsRecord() {
        acm.hostedElsewhere.add("hello.example.net");
        String arn = certs.newCertificate("hello.example.net", List.of(), null).arn;
        clock.advance(AcmState.OPTIONS_DELAY.plus(AcmState.ADDED_BY_HAND).plus(SimLatency.realistic().certificateValidation()).minusSeconds(1));
        assertThat(certs.status(arn)).isEqualTo("PENDING_VALIDATION");
        clock.advance(Duration.ofSeconds(1));
        assertThat(certs.status(arn)).isEqualTo("ISSUED");
    }
}
