package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.EngineOptions;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a refresh reads of AWS: each shared read once per refresh, and never one refresh's reads in another. */
class RefreshReadsEndToEndTest {

    @Test void aNoOpReapplyAsksForEachSharedThingOnce() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        h.world.resetCounters();
        assertThat(h.apply(spec).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        Map<String, Long> calls = h.world.callsByAction();
        for (String once : new String[] {"elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeTags",
                "route53:ListHostedZonesByName", "route53:ListResourceRecordSets", "application-autoscaling:DescribeScalableTargets",
                "ec2:DescribeSubnets", "ecs:DescribeClusters", "ecs:DescribeServices", "ecs:DescribeTaskDefinition"}) {
            assertThat(calls).as(once).containsEntry(once, 1L);
        }
        assertThat(calls).doesNotContainKeys("iam:ListRoleTags", "iam:ListRolePolicies", "ecs:ListClusters", "ecs:ListServices",
                "ecs:ListTaskDefinitions", "acm:DescribeCertificate", "ssm:ListTagsForResource");
    }

    @Test void onAnEmptyAccountTheNameChecksShareTheRefreshsReads() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        h.world.resetCounters();
        assertThat(h.plan(spec).hasChanges()).isTrue();
        // one refresh: each name the spec wants is asked about once, by the refresh and its name check together
        Map<String, Long> calls = h.world.callsByAction();
        assertThat(calls).containsEntry("iam:GetRole", 2L).containsEntry("ecs:DescribeServices", 1L)
                .containsEntry("ecs:DescribeTaskDefinition", 1L).containsEntry("ecs:DescribeClusters", 1L)
                .containsEntry("ecs:ListClusters", 1L).containsEntry("logs:DescribeLogGroups", 1L)
                .containsEntry("elasticloadbalancing:DescribeLoadBalancers", 1L).containsEntry("elasticloadbalancing:DescribeTargetGroups", 1L);
    }

    @Test void aNameTakenBetweenTheQuestionAndTheLockIsStillFound() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        // made by hand while the question is asked: the look under the lock asks AWS anew, not the first look's answers
        ApplyResult r = h.engine().apply(spec, dev.gantry.engine.TestOptions.confirmingWith("gantry apply", p -> {
            h.aws.logs().createLogGroup(b -> b.logGroupName("/gantry/hello"));
            return true;
        }));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(String.join("\n", r.failures())).contains("/gantry/hello");
        assertThat(h.world.state.ecs.clusters).isEmpty();
    }

    @Test void theRefreshAfterTheLockReadsAwsAgain() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        h.aws.logs().putRetentionPolicy(b -> b.logGroupName("/gantry/hello").retentionInDays(7));
        h.world.resetCounters();
        ApplyResult r = h.apply(spec);
        assertThat(r.updated()).isEqualTo(1);
        // one refresh before the lock, one after it: each read the region's load balancers itself
        assertThat(h.world.callsByAction()).containsEntry("elasticloadbalancing:DescribeLoadBalancers", 2L)
                .containsEntry("logs:DescribeLogGroups", 3L);
        assertThat(h.plan(spec).hasChanges()).isFalse();
    }
}
