package dev.gantry.aws.sim;

import dev.gantry.aws.AwsClients;
import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulated AWS's timing rules that decide how long a deploy takes, one test per rule; each
 * rule's source is in docs/timings.md. (Provisioning times of the load balancer, the NAT gateway
 * and ACM's validation after its CNAME exists are tested in SimElbTest, SimEc2NatTest and SimAcmTest.)
 */
class TimingRulesTest {
    private final VirtualScheduler time = new VirtualScheduler();
    private final SimWorld world = new SimWorld(new SimState(), time, SimLatency.realistic());

    // ---- load balancer health checks (ELB) ----

    private final SimElb elb = new SimElb(world, FakeNetwork.standard());

    private TargetGroup group(int interval, int healthy) {
        TargetGroup tg = elb.createTargetGroup(b -> b.name("hello-tg").protocol(ProtocolEnum.HTTP).port(80).vpcId("vpc-1")
                .targetType(TargetTypeEnum.IP).healthCheckPath("/").healthCheckIntervalSeconds(interval).healthCheckTimeoutSeconds(2)
                .healthyThresholdCount(healthy).unhealthyThresholdCount(3)).targetGroups().get(0);
        LoadBalancer lb = elb.createLoadBalancer(b -> b.name("hello-alb").subnets("subnet-a", "subnet-b").securityGroups("sg-lb")
                .scheme(LoadBalancerSchemeEnum.INTERNET_FACING).type(LoadBalancerTypeEnum.APPLICATION)).loadBalancers().get(0);
        // A provisioning load balancer takes listeners (CreateListener has no error for it).
        elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn()).build()));
        return tg;
    }

    private void register(TargetGroup tg, String ip) {
        elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(TargetDescription.builder().id(ip).port(80).build()));
    }

    private TargetHealth health(TargetGroup tg) {
        return elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions().get(0).targetHealth();
    }

    @Test
    void targetsRegisteredOnAProvisioningLoadBalancerAreCheckedOnlyOnceItIsActive() {
        TargetGroup tg = group(5, 2);
        time.advance(Duration.ofSeconds(60));
        register(tg, "10.0.1.5");
        assertThat(health(tg).state()).isEqualTo(TargetHealthStateEnum.INITIAL);
        assertThat(health(tg).reasonAsString()).isEqualTo("Elb.RegistrationInProgress");

        time.advance(world.latency.loadBalancer().minusSeconds(60));   // the load balancer is active now
        assertThat(health(tg).reasonAsString()).isEqualTo("Elb.InitialHealthChecking");
        time.advance(Duration.ofSeconds(4));
        assertThat(health(tg).state()).isEqualTo(TargetHealthStateEnum.INITIAL);
        time.advance(Duration.ofSeconds(1));                            // its first check, within one interval of turning active
        assertThat(health(tg).state()).isEqualTo(TargetHealthStateEnum.HEALTHY);
    }

    @Test
    void aNewTargetIsHealthyAfterItsFirstPassingCheckWhateverTheHealthyThreshold() {
        // "After your target is registered, it must pass one health check to be considered healthy":
        // healthyThreshold counts only for a target coming back from unhealthy.
        TargetGroup tg = group(10, 3);
        time.advance(world.latency.loadBalancer());
        register(tg, "10.0.1.5");
        time.advance(Duration.ofSeconds(9));
        assertThat(health(tg).state()).isEqualTo(TargetHealthStateEnum.INITIAL);
        time.advance(Duration.ofSeconds(1));
        assertThat(health(tg).state()).isEqualTo(TargetHealthStateEnum.HEALTHY);
    }

    @Test
    void aFailingTargetIsUnhealthyAfterIntervalTimesUnhealthyThreshold() {
        TargetGroup tg = group(5, 2);
        time.advance(world.latency.loadBalancer());
        assertThat(ElbTargets.of(world).firstVerdictAt(tg.targetGroupArn(), time.now(), false))
                .isEqualTo(time.now().plusSeconds(15));
    }

    @Test
    void aDeregisteredTargetDrainsForTheGroupsDeregistrationDelay() {
        TargetGroup tg = group(5, 2);
        elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(tg.targetGroupArn())
                .attributes(TargetGroupAttribute.builder().key("deregistration_delay.timeout_seconds").value("15").build()));
        time.advance(world.latency.loadBalancer());
        register(tg, "10.0.1.5");
        time.advance(Duration.ofSeconds(10));
        elb.deregisterTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(TargetDescription.builder().id("10.0.1.5").port(80).build()));
        time.advance(Duration.ofSeconds(14));
        assertThat(health(tg).state()).isEqualTo(TargetHealthStateEnum.DRAINING);
        time.advance(Duration.ofSeconds(1));
        assertThat(elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions()).isEmpty();
    }

    // ---- a task leaving a service (ECS): drain, SIGTERM, SIGKILL after stopTimeout ----

    private final FakeNeighbours net = FakeNeighbours.ready();
    private final AwsClients aws = net.clients(world);

    private String taskDefinition(String image, Integer stopTimeout) {
        ContainerDefinition.Builder c = ContainerDefinition.builder().name("hello").image(image).essential(true)
                .portMappings(PortMapping.builder().containerPort(80).build());
        if (stopTimeout != null) c.stopTimeout(stopTimeout);
        return aws.ecs().registerTaskDefinition(b -> b.family("hello").cpu("256").memory("512").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).containerDefinitions(c.build())).taskDefinition().taskDefinitionArn();
    }

    /** A running one-task service behind the fake load balancer, then rolled to {@code next}; returns the old task's ARN. */
    private String rollTo(String first, String next) {
        net.checks = Duration.ofSeconds(10);
        net.drain = Duration.ofSeconds(15);
        aws.ecs().createCluster(b -> b.clusterName("hello"));
        aws.ecs().createService(b -> b.cluster("hello").serviceName("hello").taskDefinition(first).desiredCount(1).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets("subnet-a", "subnet-b").securityGroups("sg-service")))
                .deploymentConfiguration(d -> d.maximumPercent(200).minimumHealthyPercent(100))
                .loadBalancers(l -> l.targetGroupArn(FakeNeighbours.TG).containerName("hello").containerPort(80)));
        time.advance(Duration.ofMinutes(2));
        String old = aws.ecs().listTasks(b -> b.cluster("hello").serviceName("hello")).taskArns().get(0);
        aws.ecs().updateService(b -> b.cluster("hello").service("hello").taskDefinition(next));
        return old;
    }

    private String status(String task) {
        return aws.ecs().describeTasks(b -> b.cluster("hello").tasks(task)).tasks().get(0).lastStatus();
    }

    @Test
    void anOldTaskDrainsThenGetsSigtermAndStopsOnceItExits() {
        String old = rollTo(taskDefinition("nginx:1.27", null), taskDefinition("nginx:1.28", null));
        // The new task runs after 45 s and passes its checks 10 s later; then the old one leaves.
        time.advance(world.latency.taskStart().plusSeconds(10));
        assertThat(status(old)).isEqualTo("DEACTIVATING");
        assertThat(net.deregistrations).hasSize(1);
        time.advance(Duration.ofSeconds(14));
        assertThat(status(old)).isEqualTo("DEACTIVATING");
        time.advance(Duration.ofSeconds(1));                              // drained: SIGTERM
        assertThat(status(old)).isEqualTo("STOPPING");
        time.advance(SimLatency.EXITS_ON_SIGTERM.plus(world.latency.taskStop()).minusSeconds(1));
        assertThat(status(old)).isEqualTo("STOPPING");
        time.advance(Duration.ofSeconds(1));
        assertThat(status(old)).isEqualTo("STOPPED");
    }

    @Test
    void aTaskThatIgnoresSigtermIsKilledAfterItsStopTimeout() {
        String old = rollTo(taskDefinition("nginx:ignores-sigterm", 20), taskDefinition("nginx:1.28", null));
        time.advance(world.latency.taskStart().plusSeconds(10 + 15));    // started, checked, drained: SIGTERM now
        assertThat(status(old)).isEqualTo("STOPPING");
        time.advance(Duration.ofSeconds(20).plus(world.latency.taskStop()).minusSeconds(1));
        assertThat(status(old)).isEqualTo("STOPPING");
        time.advance(Duration.ofSeconds(1));                              // SIGKILL after 20 s, then deprovisioned
        assertThat(status(old)).isEqualTo("STOPPED");
    }

    @Test
    void withoutAStopTimeoutFargateWaitsThirtySecondsBeforeSigkill() {
        String old = rollTo(taskDefinition("nginx:ignores-sigterm", null), taskDefinition("nginx:1.28", null));
        time.advance(world.latency.taskStart().plusSeconds(10 + 15));
        time.advance(Duration.ofSeconds(30).plus(world.latency.taskStop()).minusSeconds(1));
        assertThat(status(old)).isEqualTo("STOPPING");
        time.advance(Duration.ofSeconds(1));
        assertThat(status(old)).isEqualTo("STOPPED");
        assertThat(aws.ecs().listTasks(b -> b.cluster("hello").serviceName("hello").desiredStatus(DesiredStatus.STOPPED)).taskArns())
                .containsExactly(old);
    }

    @Test
    void fargateRefusesAStopTimeoutAboveTwoMinutes() {
        assertThatThrownBy(() -> taskDefinition("nginx:1.27", 121)).isInstanceOf(ClientException.class).hasMessageContaining("stopTimeout");
        assertThat(aws.ecs().describeTaskDefinition(b -> b.taskDefinition(taskDefinition("nginx:1.27", 120))).taskDefinition()
                .containerDefinitions().get(0).stopTimeout()).isEqualTo(120);
    }

    @Test
    void anInstantWorldTakesNoTimeForSettings() {
        assertThat(SimLatency.instant().settings(Duration.ofSeconds(30))).isZero();
        assertThat(SimLatency.realistic().settings(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theRealisticFiguresAreTheDocumentedOnes() {
        SimLatency l = SimLatency.realistic();
        assertThat(List.of(l.natGateway(), l.loadBalancer(), l.certificateValidation(), l.taskStart(), l.taskStop()))
                .containsExactly(Duration.ofSeconds(95), Duration.ofSeconds(185), Duration.ofSeconds(120), Duration.ofSeconds(45), Duration.ofSeconds(10));
    }
}
