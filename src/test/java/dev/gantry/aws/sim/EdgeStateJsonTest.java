package dev.gantry.aws.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ACM and Route53 parts survive SimWorld.save/load's JSON, with their computed states intact. */
class EdgeStateJsonTest {
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void acmAndRoute53RoundTrip() throws Exception {
        VirtualScheduler time = new VirtualScheduler();
        SimWorld world = new SimWorld(new SimState(), time, SimLatency.instant());
        String zone = world.state.route53.ensureZone("example.com");
        String seeded = new SimAcm(world).seedIssued("a.example.com", List.of("b.example.com"));
        String pending = new SimAcm(world).requestCertificate(b -> b.domainName("c.example.com").validationMethod(ValidationMethod.DNS)
                .idempotencyToken("t1")).certificateArn();
        new SimRoute53(world).changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(cb -> cb.changes(ch -> ch
                .action(ChangeAction.CREATE).resourceRecordSet(rs -> rs.name("x.example.com").type(RRType.TXT).ttl(60L)
                        .resourceRecords(v -> v.value("\"v\""))))));

        Route53State r53 = json.readValue(json.writeValueAsString(world.state.route53), Route53State.class);
        AcmState acm = json.readValue(json.writeValueAsString(world.state.acm), AcmState.class);
        assertThat(r53.hasRecord("x.example.com", "TXT", "\"v\"")).isTrue();
        assertThat(r53.ensureZone("example.com")).isEqualTo(zone);
        assertThat(acm.certificates.get(seeded).names).containsExactly("a.example.com", "b.example.com");
        assertThat(acm.certificates.get(pending).idempotencyToken).isEqualTo("t1");
        assertThat(json.writeValueAsString(acm)).doesNotContain("\"validation\"");
    }
}
