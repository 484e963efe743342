package dev.gantry.aws.sim;

import dev.gantry.aws.AwsClients;
import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.*;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimEcsTest {
    static final String PARAM = "/hello/password";
    static final String PARAM_ARN = "arn:aws:ssm:us-east-1:123456789012:parameter/hello/password";

    VirtualScheduler clock = new VirtualScheduler();
    SimWorld world = new SimWorld(new SimState(), clock, SimLatency.realistic());
    FakeNeighbours net = FakeNeighbours.ready();
    AwsClients aws = net.clients(world);
    String execRole;

    @BeforeEach void setUp() {
        execRole = aws.iam().createRole(CreateRoleRequest.builder().roleName("hello-execution").path("/gantry/hello/")
                .assumeRolePolicyDocument(trust()).build()).role().arn();
        aws.iam().attachRolePolicy(AttachRolePolicyRequest.builder().roleName("hello-execution").policyArn(IamState.ECS_TASK_EXECUTION_POLICY_ARN).build());
        aws.logs().createLogGroup(b -> b.logGroupName("/gantry/hello"));
        aws.ecs().createCluster(b -> b.clusterName("hello"));
    }

    static String trust() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    void grantSecret() {
        aws.iam().putRolePolicy(PutRolePolicyRequest.builder().roleName("hello-execution").policyName("gantry-secrets")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ssm:GetParameters\",\"Resource\":[\"" + PARAM_ARN + "\"]}]}").build());
    }

    String register(String image, boolean withSecret) {
        ContainerDefinition.Builder c = ContainerDefinition.builder().name("hello").image(image).essential(true)
                .portMappings(PortMapping.builder().containerPort(80).build())
                .logConfiguration(LogConfiguration.builder().logDriver(LogDriver.AWSLOGS)
                        .options(java.util.Map.of("awslogs-group", "/gantry/hello", "awslogs-region", "us-east-1", "awslogs-stream-prefix", "hello")).build());
        if (withSecret) c.secrets(Secret.builder().name("PASSWORD").valueFrom(PARAM_ARN).build());
        return aws.ecs().registerTaskDefinition(b -> b.family("hello").cpu("256").memory("512").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).executionRoleArn(execRole).containerDefinitions(c.build())).taskDefinition().taskDefinitionArn();
    }

    void createService(String td, int desired, boolean withLb) {
        aws.ecs().createService(b -> {
            b.cluster("hello").serviceName("hello").taskDefinition(td).desiredCount(desired).launchType(LaunchType.FARGATE)
                    .clientToken("tok").networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets("subnet-a", "subnet-b").securityGroups("sg-service")))
                    .deploymentConfiguration(d -> d.maximumPercent(200).minimumHealthyPercent(100)
                            .deploymentCircuitBreaker(cb -> cb.enable(true).rollback(true)));
            if (withLb) b.loadBalancers(l -> l.targetGroupArn(FakeNeighbours.TG).containerName("hello").containerPort(80));
        });
    }

    Service service() {
        return aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0);
    }

    List<Task> stoppedTasks() {
        List<String> arns = aws.ecs().listTasks(b -> b.cluster("hello").serviceName("hello").desiredStatus(DesiredStatus.STOPPED)).taskArns();
        return arns.isEmpty() ? List.of() : aws.ecs().describeTasks(b -> b.cluster("hello").tasks(arns)).tasks();
    }

    @Test void aHealthyServiceReachesSteadyStateAfterStartPlusHealthChecks() {
        createService(register("public.ecr.aws/nginx/nginx:1.27", false), 2, true);
        clock.advance(Duration.ofSeconds(30));
        Service s = service();
        assertThat(s.deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS);
        assertThat(s.pendingCount()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(60));
        s = service();
        assertThat(s.runningCount()).isEqualTo(2);
        assertThat(s.deployments()).hasSize(1);
        assertThat(s.deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
        assertThat(s.events().get(0).message()).isEqualTo("(service hello) has reached a steady state.");
        assertThat(s.events().get(s.events().size() - 1).message()).matches("\\(service hello\\) has started 2 tasks: \\(task [0-9a-f]{32}\\) \\(task [0-9a-f]{32}\\)\\.");
        var lines = aws.logs().filterLogEvents(b -> b.logGroupName("/gantry/hello")).events();
        assertThat(lines).extracting(e -> e.message()).contains("/docker-entrypoint.sh: Configuration complete; ready for start up");
        assertThat(lines.get(0).logStreamName()).startsWith("hello/hello/");
    }

    @Test void createServiceIsIdempotentWithTheSameClientTokenOnly() {
        String td = register("nginx:1.27", false);
        createService(td, 1, false);
        createService(td, 1, false);
        assertThatThrownBy(() -> aws.ecs().createService(b -> b.cluster("hello").serviceName("hello").taskDefinition(td).clientToken("other")
                .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets("subnet-a")))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("not idempotent");
    }

    @Test void aTargetGroupWithoutLoadBalancerIsRefused() {
        net.attached.clear();
        String td = register("nginx:1.27", false);
        assertThatThrownBy(() -> createService(td, 1, true)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("does not have an associated load balancer");
    }

    @Test void fargateRejectsABadCpuMemoryPairAndSecretsWithoutExecutionRole() {
        assertThatThrownBy(() -> aws.ecs().registerTaskDefinition(b -> b.family("x").cpu("256").memory("4096").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).containerDefinitions(c -> c.name("x").image("nginx"))))
                .isInstanceOf(ClientException.class).hasMessageContaining("No Fargate configuration exists for given values: 256 CPU, 4096 memory");
        assertThatThrownBy(() -> aws.ecs().registerTaskDefinition(b -> b.family("x").cpu("256").memory("512").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).containerDefinitions(c -> c.name("x").image("nginx")
                        .secrets(Secret.builder().name("A").valueFrom(PARAM).build()))))
                .isInstanceOf(ClientException.class).hasMessageContaining("executionRoleArn");
    }

    /** ECS quotas: a task definition is at most 64 KiB. */
    @Test void aTaskDefinitionOver64KiBIsRefused() {
        assertThatThrownBy(() -> aws.ecs().registerTaskDefinition(b -> b.family("x").cpu("256").memory("512").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).containerDefinitions(c -> c.name("x").image("nginx")
                        .environment(KeyValuePair.builder().name("BIG").value("x".repeat(70_000)).build()))))
                .isInstanceOf(ClientException.class).hasMessageContaining("Max allowed length is '65536' bytes");
    }

    /** EC2-style task definitions register (cpu and memory per container), but a Fargate service cannot run them. */
    @Test void anEc2TaskDefinitionRegistersButIsNoFargateTask() {
        assertThatThrownBy(() -> aws.ecs().registerTaskDefinition(b -> b.family("ec2").containerDefinitions(c -> c.name("x").image("nginx"))))
                .isInstanceOf(ClientException.class).hasMessageContaining("memoryReservation");
        var td = aws.ecs().registerTaskDefinition(b -> b.family("ec2").containerDefinitions(c -> c.name("x").image("nginx").memory(128)))
                .taskDefinition();
        assertThat(td.cpu()).isNull();
        assertThat(td.networkModeAsString()).isEqualTo("bridge");
        assertThat(td.compatibilitiesAsStrings()).containsExactly("EC2");
        assertThatThrownBy(() -> createService(td.taskDefinitionArn(), 1, false)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("does not support launch_type FARGATE");
    }

    @Test void aSecretTheExecutionRoleCannotReadStopsTheTaskWithAwsWords() {
        aws.ssm().putParameter(b -> b.name(PARAM).value("s3cret").type(ParameterType.SECURE_STRING));
        createService(register("nginx:1.27", true), 1, false);
        clock.advance(Duration.ofSeconds(50));
        Task t = stoppedTasks().get(0);
        assertThat(t.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(t.stoppedReason()).startsWith("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from ssm: service call has been retried 1 time(s): AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/hello-execution/" + t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1)
                + " is not authorized to perform: ssm:GetParameters on resource: " + PARAM_ARN);
        assertThat(t.stoppedReason()).doesNotContain("s3cret");
    }

    @Test void withThePolicyTheSecretIsReadAndTheTaskRuns() {
        aws.ssm().putParameter(b -> b.name(PARAM).value("s3cret").type(ParameterType.SECURE_STRING));
        grantSecret();
        createService(register("nginx:1.27", true), 1, false);
        clock.advance(Duration.ofSeconds(50));
        assertThat(stoppedTasks()).isEmpty();
        assertThat(service().deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
    }

    @Test void aMissingImageCannotBePulled() {
        createService(register("nginx:does-not-exist", false), 1, false);
        clock.advance(Duration.ofSeconds(50));
        Task t = stoppedTasks().get(0);
        assertThat(t.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(t.stoppedReason()).isEqualTo("CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/library/nginx:does-not-exist: docker.io/library/nginx:does-not-exist: not found");
        assertThat(t.containers().get(0).reason()).startsWith("CannotPullContainerError");
    }

    @Test void aSubnetWithoutInternetCannotPull() {
        net.isolated.addAll(List.of("subnet-a", "subnet-b"));
        createService(register("public.ecr.aws/nginx/nginx:1.27", false), 1, false);
        clock.advance(Duration.ofSeconds(50));
        assertThat(stoppedTasks().get(0).stoppedReason()).startsWith("CannotPullContainerError").contains("i/o timeout")
                .contains("https://public.ecr.aws/v2/nginx/nginx/manifests/1.27");
    }

    @Test void aCrashingImageExitsWithCode1AndLogsWhy() {
        createService(register("nginx:1.27-crash", false), 1, false);
        clock.advance(Duration.ofSeconds(51));
        Task t = stoppedTasks().get(0);
        assertThat(t.stopCodeAsString()).isEqualTo("EssentialContainerExited");
        assertThat(t.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(t.containers().get(0).exitCode()).isEqualTo(1);
        assertThat(aws.logs().filterLogEvents(b -> b.logGroupName("/gantry/hello").filterPattern("Error")).events()).isNotEmpty();
    }

    @Test void anUnhealthyImageFailsElbHealthChecks() {
        createService(register("nginx:unhealthy", false), 1, true);
        clock.advance(Duration.ofSeconds(91));
        Task t = stoppedTasks().get(0);
        assertThat(t.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
        assertThat(t.stoppedReason()).isEqualTo("Task failed ELB health checks in (target-group " + FakeNeighbours.TG + ")");
        assertThat(service().events()).anySatisfy(e -> assertThat(e.message()).contains("is unhealthy in target-group hello-tg"));
    }

    @Test void theCircuitBreakerFailsTheDeploymentAndRollsBackToTheLastGoodOne() {
        createService(register("nginx:1.27", false), 2, false);
        clock.advance(Duration.ofMinutes(2));
        String good = service().taskDefinition();
        String bad = register("nginx:does-not-exist", false);
        aws.ecs().updateService(b -> b.cluster("hello").service("hello").taskDefinition(bad));
        clock.advance(Duration.ofMinutes(30));
        Service s = service();
        assertThat(s.taskDefinition()).isEqualTo(good);
        assertThat(s.events()).anySatisfy(e -> assertThat(e.message()).contains("deployment failed: tasks failed to start."));
        assertThat(s.events()).anySatisfy(e -> assertThat(e.message()).contains("rolling back to deployment"));
        assertThat(s.deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
        assertThat(s.runningCount()).isEqualTo(2);
        assertThat(EcsScheduler.circuitBreakerThreshold(2)).isEqualTo(10);
        assertThat(EcsScheduler.circuitBreakerThreshold(100)).isEqualTo(50);
        assertThat(EcsScheduler.circuitBreakerThreshold(1000)).isEqualTo(200);
    }

    @Test void aNewTaskDefinitionReplacesTasksKeepingMinimumHealthy() {
        createService(register("nginx:1.27", false), 2, true);
        clock.advance(Duration.ofMinutes(2));
        String v2 = register("nginx:1.28", false);
        aws.ecs().updateService(b -> b.cluster("hello").service("hello").taskDefinition(v2));
        Service s = service();
        assertThat(s.deployments()).extracting(Deployment::status).containsExactly("PRIMARY", "ACTIVE");
        assertThat(s.runningCount()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(3));
        s = service();
        assertThat(s.deployments()).hasSize(1);
        assertThat(s.deployments().get(0).taskDefinition()).isEqualTo(v2);
        assertThat(s.deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
    }

    @Test void anUpdateMovesTheServiceToAnotherTargetGroupPerDeployment() {
        createService(register("nginx:1.27", false), 2, true);
        clock.advance(Duration.ofMinutes(2));
        String tg2 = FakeNeighbours.TG.replace("hello-tg", "hello-tg2");
        net.targetGroups.put(tg2, "/");
        assertThatThrownBy(() -> aws.ecs().updateService(b -> b.cluster("hello").service("hello")
                .loadBalancers(l -> l.targetGroupArn(tg2).containerName("hello").containerPort(80))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("does not have an associated load balancer");
        net.attached.add(tg2);
        List<String> before = List.copyOf(net.registrations);
        assertThat(before).hasSize(2).allMatch(r -> r.startsWith(FakeNeighbours.TG + " "));

        aws.ecs().updateService(b -> b.cluster("hello").service("hello")
                .loadBalancers(l -> l.targetGroupArn(tg2).containerName("hello").containerPort(80)));
        assertThat(service().deployments()).extracting(Deployment::status).containsExactly("PRIMARY", "ACTIVE");
        clock.advance(Duration.ofMinutes(5));

        Service s = service();
        assertThat(s.deployments()).singleElement().extracting(Deployment::rolloutState).isEqualTo(DeploymentRolloutState.COMPLETED);
        assertThat(s.loadBalancers()).singleElement().extracting(LoadBalancer::targetGroupArn).isEqualTo(tg2);
        // The new deployment's tasks registered in the new group only; the old deployment's left the old one.
        assertThat(net.registrations.subList(2, net.registrations.size())).hasSize(2).allMatch(r -> r.startsWith(tg2 + " "));
        assertThat(net.deregistrations).hasSize(2).allMatch(r -> r.startsWith(FakeNeighbours.TG + " "));
    }

    @Test void deletingTheClusterWaitsForItsServices() {
        createService(register("nginx:1.27", false), 1, false);
        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> aws.ecs().deleteCluster(b -> b.cluster("hello"))).isInstanceOf(ClusterContainsServicesException.class);
        assertThatThrownBy(() -> aws.ecs().deleteService(b -> b.cluster("hello").service("hello"))).isInstanceOf(InvalidParameterException.class);
        aws.ecs().deleteService(b -> b.cluster("hello").service("hello").force(true));
        assertThat(service().status()).isEqualTo("DRAINING");
        clock.advance(Duration.ofMinutes(1));
        assertThat(service().status()).isEqualTo("INACTIVE");
        assertThat(net.liveEnis()).isZero();
        aws.ecs().deleteCluster(b -> b.cluster("hello"));
        assertThat(aws.ecs().listClusters().clusterArns()).isEmpty();
    }

    @Test void theOutcomeDoesNotDependOnHowOftenSomeoneLooks() {
        createService(register("nginx:does-not-exist", false), 2, false);
        for (int i = 0; i < 40; i++) { clock.advance(Duration.ofSeconds(7)); service(); }
        int polled = service().deployments().get(0).failedTasks();
        assertThat(polled).isGreaterThan(2);
        // replay the same story without looking in between
        VirtualScheduler clock2 = new VirtualScheduler();
        SimWorld w2 = new SimWorld(new SimState(), clock2, SimLatency.realistic());
        FakeNeighbours n2 = FakeNeighbours.ready();
        SimEcsTest t2 = new SimEcsTest();
        t2.clock = clock2; t2.world = w2; t2.net = n2; t2.aws = n2.clients(w2);
        t2.setUp();
        t2.createService(t2.register("nginx:does-not-exist", false), 2, false);
        clock2.advance(Duration.ofSeconds(280));
        assertThat(t2.service().deployments().get(0).failedTasks()).isEqualTo(polled);
    }
}
