package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Change;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stack made by gantry before the fast defaults (health checks every 15 s with a 5 s timeout,
 * no stopTimeout in the task definition, a 60 s grace period, 30 s of draining): the first apply
 * after the upgrade brings each in line in place, while the service keeps answering.
 */
class UpgradeDefaultsTest {
    @Test
    void theFirstApplyAfterTheUpgradeChangesTheDefaultsInPlaceWithoutAnOutage() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).ok()).isTrue();
        makeItLookOld(h);
        h.time.advance(Duration.ofMinutes(5));

        assertThat(h.plan(spec).mutating()).extracting(c -> c.action() + " " + c.address())
                .containsExactlyInAnyOrder("UPDATE target-group.main", "UPDATE task-definition.main", "UPDATE service.main");

        SimServing.Recorder recorder = new SimServing.Recorder(h.world, h.time, "hello.example.com").start();
        ApplyResult r = h.apply(spec);
        recorder.stop();
        assertThat(r.ok()).as(r.failures().toString()).isTrue();
        assertThat(r.replaced()).isZero();
        assertThat(recorder.outages()).isEmpty();
        assertThat(h.plan(spec).mutating()).isEmpty();
        var tg = h.aws.elb().describeTargetGroups(b -> b.names("hello-tg-80")).targetGroups().get(0);
        assertThat(tg.healthCheckIntervalSeconds()).isEqualTo(5);
        assertThat(tg.healthCheckTimeoutSeconds()).isEqualTo(4);
    }

    /** What the previous gantry made: its health check, draining, task definition and grace period. */
    private static void makeItLookOld(SimHarness h) {
        var elb = h.aws.elb();
        String tg = elb.describeTargetGroups(b -> b.names("hello-tg-80")).targetGroups().get(0).targetGroupArn();
        elb.modifyTargetGroup(b -> b.targetGroupArn(tg).healthCheckIntervalSeconds(15).healthCheckTimeoutSeconds(5).healthyThresholdCount(2));
        elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(tg)
                .attributes(TargetGroupAttribute.builder().key("deregistration_delay.timeout_seconds").value("30").build()));
        var ecs = h.aws.ecs();
        var service = ecs.describeServices(b -> b.cluster("hello").services("hello")).services().get(0);
        TaskDefinition td = ecs.describeTaskDefinition(b -> b.taskDefinition(service.taskDefinition())).taskDefinition();
        ContainerDefinition old = td.containerDefinitions().get(0).toBuilder().stopTimeout(null).build();
        String arn = ecs.registerTaskDefinition(b -> b.family(td.family()).cpu(td.cpu()).memory(td.memory()).networkMode(td.networkMode())
                .requiresCompatibilities(td.requiresCompatibilities()).runtimePlatform(td.runtimePlatform())
                .executionRoleArn(td.executionRoleArn()).taskRoleArn(td.taskRoleArn()).containerDefinitions(old)
                .tags(ecs.listTagsForResource(t -> t.resourceArn(td.taskDefinitionArn())).tags())).taskDefinition().taskDefinitionArn();
        ecs.updateService(b -> b.cluster("hello").service("hello").taskDefinition(arn).healthCheckGracePeriodSeconds(60));
    }
}
