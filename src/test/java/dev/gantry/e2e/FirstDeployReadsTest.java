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

    /**
     * 160 before the waits skipped their look at once and the steps stopped reading back what AWS
     * answered; 134 before the creates took the look under the lock, new roles and groups were not
     * read and the waits looked first when they were likely done.
     */
    static final long FIRST_DEPLOY_READS = 92;

    @Test void aFirstHttpsDeployStaysWithinItsReads() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        assertThat(h.world.readCalls()).isLessThanOrEqualTo(FIRST_DEPLOY_READS);
    }

    @Test void aRunThatBrokeALockLooksBeforeEveryCreate() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        // --force-unlock: the run it broke the lock of may still be making things, so no look is skipped.
        assertThat(h.engine().apply(spec, dev.gantry.engine.TestOptions.forcingUnlock("gantry apply")).exitCode()).isZero();
        Map<String, Long> calls = h.world.callsByAction();
        assertThat(calls.get("ec2:DescribeVpcs")).isEqualTo(2 + 1);
        assertThat(calls.get("ec2:DescribeSubnets")).isEqualTo(2 + 4);
        assertThat(calls.get("ec2:DescribeSecurityGroups")).isEqualTo(2 + 2);
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
        // Two refreshes only: the look under the lock found no group, a new group has no inbound rules, none read back after the authorize.
        assertThat(calls.get("ec2:DescribeSecurityGroups")).isEqualTo(2);
        // Two refreshes, per table one read of who holds its subnets, and the private table's own look:
        // it is made after the NAT gateway's wait, when the look under the lock no longer answers.
        assertThat(calls.get("ec2:DescribeRouteTables")).isEqualTo(5);
        // The creates made right after the look under the lock take its answer: nothing there.
        assertThat(calls.get("ec2:DescribeVpcs")).isEqualTo(2);
        assertThat(calls.get("ec2:DescribeSubnets")).isEqualTo(2);
        assertThat(calls.get("ec2:DescribeInternetGateways")).isEqualTo(2);
        assertThat(calls.get("ec2:DescribeAddresses")).isEqualTo(2);
        // Roles CreateRole just made have no policies: nothing read before or after writing them (GetRole: the refreshes').
        assertThat(calls.getOrDefault("iam:ListAttachedRolePolicies", 0L)).isZero();
        assertThat(calls.get("iam:GetRolePolicy")).isEqualTo(2);
        assertThat(calls.get("iam:GetRole")).isEqualTo(4);
        // Each known wait looks at 80 %, 90 % and 100 % of its typical time: the load balancer (185 s),
        // the NAT gateway (95 s), ACM issuing (120 s after its records are written).
        assertThat(calls.get("elasticloadbalancing:DescribeLoadBalancers")).isEqualTo(2 + 1 + 1 + 3);
        assertThat(calls.get("ec2:DescribeNatGateways")).isEqualTo(2 + 1 + 3);
        assertThat(calls.get("acm:DescribeCertificate")).isEqualTo(3 + 3);
        // The rollout: once at once, three looks as the tasks start, three for the first health
        // checks, which come one interval after the load balancer is likely active (its "activeBy").
        assertThat(calls.get("ecs:DescribeServices")).isEqualTo(2 + 7);
        // The service reads its task definition once for both access checks.
        assertThat(calls.get("ecs:DescribeTaskDefinition")).isEqualTo(3);
    }
}
