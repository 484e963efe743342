package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mutating call takes effect and its reply is lost (the connection resets): the SDK sends the same
 * request again, or gantry looks first. Every call of a full apply and of a full destroy, one at a
 * time: the run still succeeds, nothing is made twice, the next plan is empty, destroy leaves nothing.
 * The apply lock's own write and release are left to the lock's tests.
 */
class LostReplyTest {
    static final Spec SPEC = SimHarness.template("web-https.yaml");

    /** What the account holds for the app, counted so that a second of anything shows. */
    static Map<String, Object> census(SimHarness h) {
        Map<String, Object> out = new TreeMap<>(FailureEndToEndTest.census(h, SPEC)); // fails on two resources at one address
        out.put("tagged", h.taggedLeftovers("hello").size());
        out.put("vpcs", h.aws.ec2().describeVpcs().vpcs().stream().filter(v -> !Boolean.TRUE.equals(v.isDefault())).count());
        out.put("subnets", h.aws.ec2().describeSubnets().subnets().stream().filter(s -> !Boolean.TRUE.equals(s.defaultForAz())).count());
        out.put("security groups", h.aws.ec2().describeSecurityGroups().securityGroups().size());
        out.put("internet gateways", h.aws.ec2().describeInternetGateways().internetGateways().size());
        out.put("route tables", h.aws.ec2().describeRouteTables().routeTables().size());
        out.put("elastic ips", h.aws.ec2().describeAddresses().addresses().size());
        out.put("load balancers", h.aws.elb().describeLoadBalancers().loadBalancers().size());
        out.put("target groups", h.aws.elb().describeTargetGroups().targetGroups().size());
        out.put("certificates", h.aws.acm().listCertificates().certificateSummaryList().size());
        out.put("active task definitions", h.aws.ecs().listTaskDefinitions(b -> b.status(TaskDefinitionStatus.ACTIVE)).taskDefinitionArns().size());
        out.put("services", h.aws.ecs().listServices(b -> b.cluster("hello")).serviceArns().size());
        out.put("roles", h.aws.iam().listRoles().roles().size());
        return out;
    }

    /**
     * Every mutating call of a clean run, named by its action and its ordinal among that action's
     * calls (the order of calls to different services varies with the interleaving, this does not),
     * without the apply lock's write (the first PutParameter) and release (the last DeleteParameter).
     */
    static java.util.List<java.util.Map.Entry<String, Integer>> everyCall(SimHarness clean) {
        java.util.List<java.util.Map.Entry<String, Integer>> out = new java.util.ArrayList<>();
        clean.world.callsByAction().forEach((action, count) -> {
            String op = action.substring(action.indexOf(':') + 1);
            if (op.startsWith("Describe") || op.startsWith("List") || op.startsWith("Get") || op.startsWith("Simulate")) return;
            for (int n = 1; n <= count; n++) {
                if (action.equals("ssm:PutParameter") && n == 1 || action.equals("ssm:DeleteParameter") && n == count) continue;
                out.add(Map.entry(action, n));
            }
        });
        return out;
    }

    @Test void a_lost_reply_after_any_mutating_call_of_apply_makes_nothing_twice() {
        SimHarness clean = new SimHarness().prepare(SPEC);
        clean.world.resetCounters();
        assertThat(clean.apply(SPEC).exitCode()).isZero();
        Map<String, Object> expected = census(clean);
        var calls = everyCall(clean);
        assertThat(calls.stream().map(Map.Entry::getKey)).contains("ec2:CreateVpc", "ec2:CreateSubnet", "ec2:CreateSecurityGroup",
                "ec2:AuthorizeSecurityGroupIngress", "ec2:CreateInternetGateway", "ec2:AttachInternetGateway", "ec2:AllocateAddress",
                "ec2:CreateNatGateway", "ec2:CreateRouteTable", "ec2:CreateRoute", "ec2:AssociateRouteTable", "ecs:RegisterTaskDefinition",
                "ecs:CreateService", "acm:RequestCertificate", "elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateListener",
                "route53:ChangeResourceRecordSets", "iam:CreateRole", "iam:PutRolePolicy", "ssm:PutParameter");

        for (var call : calls) {
            String lost = call.getKey() + " #" + call.getValue();
            SimHarness h = new SimHarness().prepare(SPEC);
            dev.gantry.aws.sim.SimFaults.of(h.world).loseReplyOf(call.getKey(), call.getValue());
            ApplyResult r = h.apply(SPEC);
            assertThat(dev.gantry.aws.sim.SimFaults.of(h.world).lostReplies()).as("the reply of %s was lost", lost).containsExactly(call.getKey());
            dev.gantry.aws.sim.SimFaults.of(h.world).clear();
            assertThat(r.exitCode()).as("apply after the lost reply of %s: %s", lost, r.failures()).isZero();
            assertThat(census(h)).as("what exists after the lost reply of %s", lost).isEqualTo(expected);
            assertThat(h.plan(SPEC).mutating()).as("the next plan after the lost reply of %s", lost).isEmpty();
        }
    }

    @Test void a_lost_reply_after_any_mutating_call_of_destroy_still_deletes_everything(@TempDir Path dir) {
        SimHarness built = new SimHarness().prepare(SPEC);
        assertThat(built.apply(SPEC).exitCode()).isZero();
        Path saved = dir.resolve("built.json");
        built.world.save(saved);

        SimHarness clean = new SimHarness(saved);
        clean.world.resetCounters();
        assertThat(clean.destroy(SPEC).exitCode()).isZero();
        var calls = everyCall(clean);
        assertThat(calls.stream().map(Map.Entry::getKey)).contains("iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:DeleteRole",
                "route53:ChangeResourceRecordSets", "ec2:DeleteVpc", "ec2:DeleteSubnet", "ec2:ReleaseAddress", "ec2:DeleteNatGateway",
                "ec2:DeleteSecurityGroup", "ec2:DetachInternetGateway", "ec2:DeleteInternetGateway", "ec2:DeleteRouteTable",
                "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:DeleteListener", "ecs:DeleteService",
                "ecs:DeregisterTaskDefinition", "ecs:DeleteCluster", "acm:DeleteCertificate", "ssm:DeleteParameter", "logs:DeleteLogGroup");

        for (var call : calls) {
            String lost = call.getKey() + " #" + call.getValue();
            SimHarness h = new SimHarness(saved);
            dev.gantry.aws.sim.SimFaults.of(h.world).loseReplyOf(call.getKey(), call.getValue());
            ApplyResult r = h.destroy(SPEC);
            assertThat(dev.gantry.aws.sim.SimFaults.of(h.world).lostReplies()).as("the reply of %s was lost", lost).containsExactly(call.getKey());
            assertThat(r.exitCode()).as("destroy after the lost reply of %s: %s", lost, r.failures()).isZero();
            assertThat(h.taggedLeftovers("hello")).as("left after the lost reply of %s", lost).isEmpty();
            assertThat(h.aws.iam().listRoles().roles()).as("roles left after the lost reply of %s", lost).isEmpty();
        }
    }

    /** Issue 27 item 9: IAM answers a retried DeleteRolePolicy with NoSuchEntity; the role must still go. */
    @Test void a_retried_DeleteRolePolicy_still_deletes_the_role() {
        SimHarness h = new SimHarness().prepare(SPEC);
        assertThat(h.apply(SPEC).exitCode()).isZero();
        dev.gantry.aws.sim.SimFaults.of(h.world).loseReplyOf("iam:DeleteRolePolicy", 1);
        ApplyResult r = h.destroy(SPEC);
        assertThat(dev.gantry.aws.sim.SimFaults.of(h.world).lostReplies()).containsExactly("iam:DeleteRolePolicy");
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(h.aws.iam().listRoles().roles()).isEmpty();
        assertThat(h.taggedLeftovers("hello")).isEmpty();
    }

    /** Issue 27 item 10: a lost CreateSecurityGroup reply; the retry meets the group's own name, which is gantry's. */
    @Test void a_lost_CreateSecurityGroup_reply_is_not_taken_for_someone_elses_group() {
        SimHarness h = new SimHarness().prepare(SPEC);
        dev.gantry.aws.sim.SimFaults.of(h.world).loseReplyOf("ec2:CreateSecurityGroup", 1);
        ApplyResult r = h.apply(SPEC);
        assertThat(dev.gantry.aws.sim.SimFaults.of(h.world).lostReplies()).containsExactly("ec2:CreateSecurityGroup");
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(h.events.toString()).doesNotContain("--adopt").doesNotContain("not gantry's");
        assertThat(h.aws.ec2().describeSecurityGroups().securityGroups().stream().filter(g -> g.groupName().startsWith("hello-"))).hasSize(2);
    }

    /**
     * What a lost reply left before gantry looked first (or when a look-up misses what AWS has not
     * yet shown): a second VPC, Elastic IP, internet gateway, subnet and security group tagged for
     * the same addresses. The next apply keeps the ones in use, deletes the others in dependency
     * order, and the plan after it is empty.
     */
    @Test void extras_tagged_for_one_address_are_deleted_by_the_next_apply() {
        SimHarness h = new SimHarness().prepare(SPEC);
        assertThat(h.apply(SPEC).exitCode()).isZero();
        Map<String, Object> expected = census(h);
        var ec2 = h.aws.ec2();
        java.util.function.Function<String, software.amazon.awssdk.services.ec2.model.TagSpecification> tags = address -> {
            String type = address.startsWith("vpc") ? "vpc" : address.startsWith("eip") ? "elastic-ip" : address.startsWith("subnet") ? "subnet"
                    : address.startsWith("internet") ? "internet-gateway" : "security-group";
            return software.amazon.awssdk.services.ec2.model.TagSpecification.builder().resourceType(type).tags(
                    software.amazon.awssdk.services.ec2.model.Tag.builder().key("gantry:app").value("hello").build(),
                    software.amazon.awssdk.services.ec2.model.Tag.builder().key("gantry:component").value(address).build()).build();
        };
        String extraVpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16").tagSpecifications(tags.apply("vpc.main"))).vpc().vpcId();
        ec2.createSubnet(b -> b.vpcId(extraVpc).cidrBlock("10.0.0.0/19").availabilityZone("us-east-1a").tagSpecifications(tags.apply("subnet.public-0")));
        ec2.createSecurityGroup(b -> b.vpcId(extraVpc).groupName("hello-service").description("gantry hello: service tasks")
                .tagSpecifications(tags.apply("security-group.service")));
        ec2.createInternetGateway(b -> b.tagSpecifications(tags.apply("internet-gateway.main")));
        ec2.allocateAddress(b -> b.domain("vpc").tagSpecifications(tags.apply("eip.nat-0")));

        ApplyResult r = h.apply(SPEC);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(r.deleted()).isEqualTo(5);
        assertThat(census(h)).isEqualTo(expected);
        assertThat(h.plan(SPEC).mutating()).isEmpty();
    }

    /**
     * A look-up right after a lost reply that AWS answers too early (eventual consistency) lets a
     * second VPC and Elastic IP be made: the same run finds and deletes them once it has finished.
     */
    @Test void extras_a_look_up_missed_are_deleted_in_the_same_run() {
        SimHarness clean = new SimHarness().prepare(SPEC);
        assertThat(clean.apply(SPEC).exitCode()).isZero();
        Map<String, Object> expected = census(clean);

        SimHarness h = new SimHarness().prepare(SPEC);
        h.aws = EventuallyConsistentEc2.wrap(h.aws, h.world);
        dev.gantry.aws.sim.SimFaults.of(h.world).loseReplyOf("ec2:CreateVpc", 1).loseReplyOf("ec2:AllocateAddress", 1);
        ApplyResult r = h.apply(SPEC);
        assertThat(dev.gantry.aws.sim.SimFaults.of(h.world).lostReplies()).containsExactlyInAnyOrder("ec2:CreateVpc", "ec2:AllocateAddress");
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(r.deleted()).isEqualTo(2);
        assertThat(h.events.toString()).contains("left 2 extra resources behind; deleting them");
        assertThat(census(h)).isEqualTo(expected);
        assertThat(h.plan(SPEC).mutating()).isEmpty();
    }

    /** Issue 27 item 11: a lost RegisterTaskDefinition reply whose look-up misses leaves no extra ACTIVE revision. */
    @Test void a_task_definition_registered_twice_keeps_one_active_revision() {
        SimHarness h = new SimHarness().prepare(SPEC);
        h.aws = EventuallyConsistentEc2.wrapEcs(h.aws, h.world);
        dev.gantry.aws.sim.SimFaults.of(h.world).loseReplyOf("ecs:RegisterTaskDefinition", 1);
        ApplyResult r = h.apply(SPEC);
        assertThat(dev.gantry.aws.sim.SimFaults.of(h.world).lostReplies()).containsExactly("ecs:RegisterTaskDefinition");
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(h.aws.ecs().listTaskDefinitions(b -> b.status(TaskDefinitionStatus.ACTIVE)).taskDefinitionArns())
                .containsExactly("arn:aws:ecs:us-east-1:123456789012:task-definition/hello:2");
        assertThat(h.plan(SPEC).mutating()).isEmpty();
    }

    /**
     * The issue's proxy, on the simulated AWS: 30 % of all mutating calls lose their reply (the
     * apply lock's write and release spared, which the lock's own tests cover), for each template.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"web-https.yaml", "worker.yaml", "web-http-quick.yaml"})
    void a_third_of_all_replies_lost_still_converges_in_one_run_and_destroys_everything(String template) {
        Spec spec = SimHarness.template(template);
        SimHarness clean = new SimHarness().prepare(spec);
        assertThat(clean.apply(spec).exitCode()).isZero();
        Map<String, Long> expected = FailureEndToEndTest.census(clean, spec);
        int tagged = clean.taggedLeftovers(spec.app()).size();

        SimHarness h = new SimHarness().prepare(spec);
        dev.gantry.aws.sim.SimFaults.of(h.world).loseReplies(0.3, "ssm:PutParameter", "ssm:DeleteParameter");
        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(FailureEndToEndTest.census(h, spec)).isEqualTo(expected);
        assertThat(h.taggedLeftovers(spec.app())).hasSize(tagged);
        assertThat(h.plan(spec).mutating()).isEmpty();
        ApplyResult d = h.destroy(spec);
        assertThat(dev.gantry.aws.sim.SimFaults.of(h.world).lostReplies().size()).as("replies lost").isGreaterThan(5);
        dev.gantry.aws.sim.SimFaults.of(h.world).clear();
        assertThat(d.exitCode()).as(d.failures().toString()).isZero();
        assertThat(h.taggedLeftovers(spec.app())).isEmpty();
    }
}
