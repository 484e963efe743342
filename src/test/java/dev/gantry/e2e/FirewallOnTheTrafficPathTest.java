package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated AWS puts security groups on the path from the load balancer to the tasks, so a
 * closed port shows up the way it does on AWS: health checks time out and the URL stops answering.
 * The edit matrix relies on this to prove a port change never closes the old port too early.
 */
class FirewallOnTheTrafficPathTest {

    @Test
    void closing_the_task_port_by_hand_times_out_health_checks_and_the_next_apply_reopens_it() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult first = h.apply(spec);
        assertThat(first.exitCode()).as(first.failures().toString()).isZero();
        assertThat(SimServing.blocked(h.world, "hello.example.com")).isEmpty();

        SecurityGroup service = h.aws.ec2().describeSecurityGroups().securityGroups().stream()
                .filter(g -> g.groupName().equals("hello-service")).findFirst().orElseThrow();
        IpPermission rule = service.ipPermissions().get(0);
        assertThat(rule.fromPort()).isEqualTo(80);
        h.aws.ec2().revokeSecurityGroupIngress(b -> b.groupId(service.groupId()).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(80).toPort(80)
                .userIdGroupPairs(UserIdGroupPair.builder().groupId(rule.userIdGroupPairs().get(0).groupId()).build()).build()));

        assertThat(SimServing.blocked(h.world, "hello.example.com")).contains("no healthy target behind the listener");
        assertThat(targetHealth(h)).isNotEmpty().allSatisfy(t -> {
            assertThat(t.targetHealth().stateAsString()).isEqualTo("unhealthy");
            assertThat(t.targetHealth().reasonAsString()).isEqualTo("Target.Timeout");
        });

        assertThat(h.plan(spec).mutating()).extracting(c -> c.action() + " " + c.address()).containsExactly("UPDATE security-group.service");
        ApplyResult again = h.apply(spec);
        assertThat(again.exitCode()).as(again.failures().toString()).isZero();
        assertThat(SimServing.blocked(h.world, "hello.example.com")).isEmpty();
    }

    private static List<TargetHealthDescription> targetHealth(SimHarness h) {
        String tg = h.aws.elb().describeTargetGroups().targetGroups().get(0).targetGroupArn();
        return h.aws.elb().describeTargetHealth(b -> b.targetGroupArn(tg)).targetHealthDescriptions();
    }
}
