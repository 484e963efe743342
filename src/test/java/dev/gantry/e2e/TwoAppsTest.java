package dev.gantry.e2e;

import dev.gantry.plan.Observed;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two apps in one account: everything one of them does leaves the other exactly as it was. */
class TwoAppsTest {
    static String other(String extra) {
        return """
                version: 1
                app: other
                region: us-east-1
                network: {vpc: new, cidr: 10.1.0.0/16, availabilityZones: 2, natGateways: single}
                task:
                  image: public.ecr.aws/nginx/nginx:1.27
                  port: 80
                  secrets:
                    DB_PASSWORD: {parameter: /other/db-password}
                %s
                loadBalancer: {healthCheckPath: /}
                certificate: {domain: other.example.com}
                dns: {zone: example.com, record: other.example.com}
                """.formatted(extra);
    }

    @Test void apply_edit_and_destroy_of_one_app_leave_the_other_untouched() {
        Spec hello = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(hello);
        assertThat(h.apply(hello).exitCode()).isZero();
        Map<String, Observed> before = h.inventory(hello);
        String value = secret(h, "/hello/db-password");
        assertThat(before).hasSizeGreaterThan(20);

        Spec other = Crowd.spec(other("service: {desiredCount: 1}"));
        h.prepare(other);
        assertThat(h.apply(other).exitCode()).isZero();
        Spec edited = Crowd.spec(other("  environment: {MODE: edited}\nservice: {desiredCount: 2}"));
        assertThat(h.apply(edited).exitCode()).isZero();
        assertThat(h.plan(edited).hasChanges()).isFalse();
        assertThat(h.destroy(edited).exitCode()).isZero();
        assertThat(h.taggedLeftovers("other")).isEmpty();

        assertThat(h.inventory(hello)).isEqualTo(before);
        assertThat(secret(h, "/hello/db-password")).isEqualTo(value);
        assertThat(h.plan(hello).hasChanges()).isFalse();
    }

    private static String secret(SimHarness h, String name) {
        return h.aws.ssm().getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
    }
}
