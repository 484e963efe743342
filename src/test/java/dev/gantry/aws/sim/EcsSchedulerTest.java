package dev.gantry.aws.sim;

import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ECS service scheduler on its own: ECS's state, the state the Fargate agent reads, Logs,
 * EventBridge and SNS, a fake EC2 and ELB ({@link FakeNeighbours}) and an account of its own, no world.
 */
class EcsSchedulerTest {
    private static final String TD = "arn:aws:ecs:us-east-1:123456789012:task-definition/hello:1";

    private final VirtualScheduler clock = new VirtualScheduler();
    private final StandaloneAccount account = new StandaloneAccount(clock, SimLatency.realistic());
    private final EcsState ecs = new EcsState();
    private final LogsState logs = new LogsState();
    private final SsmState ssm = new SsmState();
    private final FakeNeighbours net = FakeNeighbours.ready();
    private final EcsTaskLaunch launcher = new EcsTaskLaunch(ecs, net,
            new EcsTaskFailures.Sources(new IamState(), region -> ssm, new SecretsState(), logs, new EcrState()), account);
    private final EcsScheduler scheduler = new EcsScheduler(ecs, net, launcher, new LogsWriter(logs),
            new EventDelivery(new EventsState(), new SnsState()), account, now -> {});

    /** A service of {@code desired} tasks of {@code image}, with the circuit breaker and nothing to roll back to. */
    private EcsState.ServiceRec service(String image, int desired) {
        EcsState.ContainerRec c = new EcsState.ContainerRec();
        c.name = "web";
        c.image = image;
        EcsState.TaskDefRec td = new EcsState.TaskDefRec();
        td.arn = TD;
        td.family = "hello";
        td.revision = 1;
        td.status = "ACTIVE";
        td.containers.add(c);
        ecs.taskDefinitions.put("hello:1", td);
        EcsState.ServiceRec s = new EcsState.ServiceRec();
        s.name = "hello";
        s.cluster = "hello";
        s.clusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/hello";
        s.status = "ACTIVE";
        s.desiredCount = desired;
        s.taskDefinition = TD;
        s.subnets.addAll(List.of("subnet-a", "subnet-b"));
        s.securityGroups.add("sg-service");
        s.circuitBreaker = true;
        long now = clock.now().toEpochMilli();
        s.deployments.add(scheduler.newDeployment(TD, desired, s.loadBalancers, now));
        ecs.services.put("hello/hello", s);
        scheduler.reconcile(s, now);
        return s;
    }

    @Test void aTaskWhoseImageCannotBePulledStopsAndTheCircuitBreakerEndsTheDeployment() {
        EcsState.ServiceRec s = service("nginx:does-not-exist", 1);
        clock.advance(Duration.ofMinutes(30));
        scheduler.advance(s, clock.now());

        List<EcsState.TaskRec> tasks = scheduler.tasksOf(s);
        assertThat(tasks).isNotEmpty().allSatisfy(t -> {
            assertThat(t.lastStatus).isEqualTo("STOPPED");
            assertThat(t.stopCode).isEqualTo("TaskFailedToStart");
            assertThat(t.stoppedReason).startsWith("CannotPullContainerError: pull image manifest has been retried 5 time(s)")
                    .contains("docker.io/library/nginx:does-not-exist: not found");
        });
        // Each failed task's network interface goes back to EC2.
        assertThat(net.enis).hasSize(tasks.size()).allSatisfy((eni, released) -> assertThat(released).isTrue());
        EcsState.DeploymentRec d = s.deployments.get(0);
        assertThat(d.rolloutState).isEqualTo("FAILED");
        assertThat(d.failedTasks).isEqualTo(EcsScheduler.circuitBreakerThreshold(1));
        assertThat(s.events).anySatisfy(e -> assertThat(e.message).isEqualTo("(service hello) (deployment " + d.id + ") deployment failed: tasks failed to start."));

        // With nothing to roll back to, ECS launches no more tasks for the failed deployment.
        clock.advance(Duration.ofHours(2));
        scheduler.advance(s, clock.now());
        assertThat(scheduler.tasksOf(s)).hasSameSizeAs(tasks);
    }

    @Test void aTaskWhoseImageIsPulledRunsAndTheDeploymentCompletes() {
        EcsState.ServiceRec s = service("nginx:1.27", 2);
        clock.advance(Duration.ofMinutes(2));
        scheduler.advance(s, clock.now());
        assertThat(scheduler.tasksOf(s)).hasSize(2).allSatisfy(t -> assertThat(t.lastStatus).isEqualTo("RUNNING"));
        assertThat(s.deployments.get(0).rolloutState).isEqualTo("COMPLETED");
        assertThat(s.events).anySatisfy(e -> assertThat(e.message).isEqualTo("(service hello) has reached a steady state."));
    }
}
