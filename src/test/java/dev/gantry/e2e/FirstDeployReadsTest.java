package dev.gantry.e2e;

import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a first HTTPS deploy from an empty account reads (issue 24, item 5): a count, on realistic
 * timings. docs/refresh-reads.md says what each remaining read is for.
 */
class FirstDeployReadsTest {

    /** 160 before the waits skipped their look at once and the steps stopped reading back what AWS answered. */
    static final long FIRST_DEPLOY_READS = 134;

    @Test void aFirstHttpsDeployStaysWithinItsReads() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        assertThat(h.world.readCalls()).isLessThanOrEqualTo(FIRST_DEPLOY_READS);
    }

    @Test void whatAwsAnsweredIsNotAskedAgain() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        Map<String, Long> calls = h.world.callsByAction();
        // The idle timeout and the deregistration delay come from the Modify*Attributes answers, not read back.
        assertThat(calls.getOrDefault("elasticloadbalancing:DescribeLoadBalancerAttributes", 0L)).isZero();
        assertThat(calls.getOrDefault("elasticloadbalancing:DescribeTargetGroupAttributes", 0L)).isZero();
        // The new VPC's DNS attributes are AWS's defaults changed by answered calls, not read back.
        assertThat(calls.getOrDefault("ec2:DescribeVpcAttribute", 0L)).isZero();
        // The Route53 change was PENDING when made: no GetChange at once (1 s, 3 s, 7 s for a 5 s change).
        assertThat(calls.get("route53:GetChange")).isEqualTo(3);
        // One listing for the DNS record's owner and taken checks, one read back; the name checks use the refreshes' listings.
        assertThat(calls.get("route53:ListResourceRecordSets")).isEqualTo(4);
        // Two refreshes, and per group one look by tags and one read of its rules (none read back after the authorize).
        assertThat(calls.get("ec2:DescribeSecurityGroups")).isEqualTo(6);
        // Two refreshes, and per table one look by tags and one for who holds its subnets (none read back).
        assertThat(calls.get("ec2:DescribeRouteTables")).isEqualTo(6);
        // The service reads its task definition once for both access checks.
        assertThat(calls.get("ecs:DescribeTaskDefinition")).isEqualTo(3);
    }
}
