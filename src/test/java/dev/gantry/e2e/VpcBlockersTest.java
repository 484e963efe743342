package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 27 item 14: a person's subnet and security group in gantry's VPC keep it; destroy says so at once. */
class VpcBlockersTest {
    static final Spec SPEC = SimHarness.template("web-https.yaml");

    @Test void destroy_names_what_keeps_the_vpc_at_once_and_keeps_it() {
        SimHarness clean = new SimHarness().prepare(SPEC);
        assertThat(clean.apply(SPEC).exitCode()).isZero();
        Instant cleanStart = clean.time.now();
        assertThat(clean.destroy(SPEC).exitCode()).isZero();
        Duration cleanDestroy = Duration.between(cleanStart, clean.time.now());

        SimHarness h = new SimHarness().prepare(SPEC);
        assertThat(h.apply(SPEC).exitCode()).isZero();
        String vpcId = h.inventory(SPEC).get("vpc.main").id();
        String subnet = h.aws.ec2().createSubnet(b -> b.vpcId(vpcId).cidrBlock("10.0.200.0/24").availabilityZone("us-east-1a")
                .tagSpecifications(t -> t.resourceType("subnet").tags(tag -> tag.key("Name").value("ops-tools")))).subnet().subnetId();
        String group = h.aws.ec2().createSecurityGroup(b -> b.vpcId(vpcId).groupName("ops-bastion").description("ops")).groupId();

        Instant start = h.time.now();
        ApplyResult r = h.destroy(SPEC);
        Duration took = Duration.between(start, h.time.now());

        assertThat(r.exitCode()).isEqualTo(1);
        String said = String.join("\n", r.failures());
        assertThat(said).contains("vpc.main").contains(vpcId).contains("subnet " + subnet).contains("Name=ops-tools")
                .contains("security group " + group + " (ops-bastion)").doesNotContain("something else still uses it");
        assertThat(h.events.toString()).contains("gantry deletes only what it made").contains("'gantry destroy'");
        // no 15-minute wait for what never goes away by itself
        assertThat(took).isLessThan(cleanDestroy.plusMinutes(1));
        // theirs kept, everything else of the app's gone
        assertThat(h.aws.ec2().describeSubnets(b -> b.subnetIds(subnet)).subnets()).hasSize(1);
        assertThat(h.aws.ec2().describeSecurityGroups(b -> b.groupIds(group)).securityGroups()).hasSize(1);
        assertThat(h.inventory(SPEC)).containsOnlyKeys("vpc.main");

        // Once the person removed theirs, destroy finishes.
        h.aws.ec2().deleteSecurityGroup(b -> b.groupId(group));
        h.aws.ec2().deleteSubnet(b -> b.subnetId(subnet));
        assertThat(h.destroy(SPEC).exitCode()).isZero();
        assertThat(h.taggedLeftovers("hello")).isEmpty();
    }
}
