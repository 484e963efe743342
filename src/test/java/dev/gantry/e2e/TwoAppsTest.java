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

    static String longNamed(String app) {
        return """
                version: 1
                app: %s
                region: us-east-1
                network: {vpc: default}
                task: {image: public.ecr.aws/nginx/nginx:1.27, port: 8080}
                service: {desiredCount: 1}
                loadBalancer: {healthCheckPath: /}
                """.formatted(app);
    }

    /** Two apps whose names share the first 24 characters: each gets its own target group (32-character names). */
    @Test void long_app_names_with_a_common_prefix_never_want_the_same_target_group() {
        Spec one = Crowd.spec(longNamed("abcdefghijklmnopqrstuvwx-one"));
        Spec two = Crowd.spec(longNamed("abcdefghijklmnopqrstuvwx-two"));
        SimHarness h = new SimHarness().prepare(one);
        assertThat(h.apply(one).exitCode()).isZero();
        h.prepare(two);
        var second = h.apply(two);
        assertThat(second.exitCode()).as("%s", second.failures()).isZero();
        assertThat(h.world.state.elb.targetGroups.values()).extracting(tg -> tg.name).doesNotHaveDuplicates().hasSize(2)
                .allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(32));
        assertThat(h.plan(one).hasChanges()).isFalse();
        assertThat(h.plan(two).hasChanges()).isFalse();
    }

    /**
     * An app deployed before names were shortened with a hash keeps its target group (found by its
     * tags; a group's name is only used to create it): no change, no replacement.
     */
    @Test void a_target_group_made_under_the_old_shortened_name_is_kept() {
        Spec one = Crowd.spec(longNamed("abcdefghijklmnopqrstuvwx-one"));
        SimHarness h = new SimHarness().prepare(one);
        assertThat(h.apply(one).exitCode()).isZero();
        var tg = h.world.state.elb.targetGroups.values().iterator().next();
        tg.name = "abcdefghijklmnopqrstuvwx-tg-8080"; // what an older gantry named it
        h.world.resetCounters();
        assertThat(h.plan(one).hasChanges()).isFalse();
        assertThat(h.apply(one).outcome()).isEqualTo(dev.gantry.engine.ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).isZero();
        assertThat(h.world.state.elb.targetGroups.values()).singleElement().satisfies(t -> assertThat(t.name).isEqualTo("abcdefghijklmnopqrstuvwx-tg-8080"));
    }

    private static String secret(SimHarness h, String name) {
        return h.aws.ssm().getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
    }
}
