package dev.gantry.aws.sim;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.AwsErrors;
import dev.gantry.aws.CloudMapApi;
import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.model.*;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulated Cloud Map's rules (see SimCloudMap for their sources). */
class SimCloudMapTest {
    VirtualScheduler clock = new VirtualScheduler();
    SimWorld world = new SimWorld(new SimState(), clock, SimLatency.realistic());
    AwsClients aws = FakeNeighbours.ready().clients(world);
    CloudMapApi map = new SimCloudMap(world);

    /** The app's cluster with a Service Connect default, and an internal service "queue" with one task. */
    private String namespaceWithAnEndpoint() {
        aws.ecs().createCluster(b -> b.clusterName("shop").serviceConnectDefaults(d -> d.namespace("shop")));
        String role = aws.iam().createRole(CreateRoleRequest.builder().roleName("shop-queue-execution").path("/gantry/shop/")
                .assumeRolePolicyDocument(SimEcsTest.trust()).build()).role().arn();
        aws.iam().attachRolePolicy(AttachRolePolicyRequest.builder().roleName("shop-queue-execution").policyArn(IamState.ECS_TASK_EXECUTION_POLICY_ARN).build());
        aws.logs().createLogGroup(b -> b.logGroupName("/gantry/shop-queue"));
        ContainerDefinition c = ContainerDefinition.builder().name("shop").image("public.ecr.aws/nginx/nginx:1.27").essential(true)
                .portMappings(PortMapping.builder().containerPort(9000).name("queue").build())
                .logConfiguration(LogConfiguration.builder().logDriver(LogDriver.AWSLOGS)
                        .options(java.util.Map.of("awslogs-group", "/gantry/shop-queue", "awslogs-region", "us-east-1", "awslogs-stream-prefix", "shop")).build()).build();
        String td = aws.ecs().registerTaskDefinition(b -> b.family("shop-queue").cpu("256").memory("512").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).executionRoleArn(role).containerDefinitions(c)).taskDefinition().taskDefinitionArn();
        aws.ecs().createService(b -> b.cluster("shop").serviceName("shop-queue").taskDefinition(td).desiredCount(1).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets("subnet-a", "subnet-b").securityGroups("sg-service")))
                .serviceConnectConfiguration(s -> s.enabled(true).services(ServiceConnectService.builder().portName("queue").discoveryName("queue")
                        .clientAliases(ServiceConnectClientAlias.builder().port(9000).dnsName("queue").build()).build())));
        clock.advance(Duration.ofMinutes(2));
        aws.ecs().describeServices(b -> b.cluster("shop").services("shop-queue"));
        return map.namespacesNamed("shop").get(0).id();
    }

    private static String code(Throwable e) { return AwsErrors.code((AwsServiceException) e); }

    @Test void ecsMakesAServicePerDiscoveryNameWhoseTasksAreItsInstances() {
        String ns = namespaceWithAnEndpoint();
        assertThat(map.services(ns)).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("queue");
            assertThat(s.instanceCount()).isEqualTo(1);
            assertThat(map.serviceNamespace(s.id())).contains(ns);
        });
        assertThat(map.namespace("ns-nonesuch")).isEmpty();
        assertThat(map.serviceNamespace("srv-nonesuch")).isEmpty();
    }

    @Test void nothingIsDeletedWhileItHoldsSomethingAndTheNamespaceGoesWhenItsOperationSucceeds() {
        String ns = namespaceWithAnEndpoint();
        String srv = map.services(ns).get(0).id();
        assertThatThrownBy(() -> map.deleteNamespace(ns)).satisfies(e -> assertThat(code(e)).isEqualTo("ResourceInUse"))
                .hasMessageContaining("Namespace has associated services");
        assertThatThrownBy(() -> map.deleteService(srv)).satisfies(e -> assertThat(code(e)).isEqualTo("ResourceInUse"))
                .hasMessageContaining("Service contains registered instances");

        // ECS deletes its service and leaves the Cloud Map service, empty once the task has stopped.
        aws.ecs().deleteService(b -> b.cluster("shop").service("shop-queue").force(true));
        clock.advance(Duration.ofMinutes(5));
        aws.ecs().describeServices(b -> b.cluster("shop").services("shop-queue"));
        assertThat(map.services(ns)).singleElement().satisfies(s -> assertThat(s.instanceCount()).isZero());
        map.deleteService(srv);
        assertThatThrownBy(() -> map.deleteService(srv)).satisfies(e -> assertThat(code(e)).isEqualTo("ServiceNotFound"));

        String op = map.deleteNamespace(ns);
        assertThat(map.deleteNamespace(ns)).as("asked again while it runs: the same operation").isEqualTo(op);
        assertThat(map.operation(op).status()).isEqualTo("SUBMITTED");
        assertThat(map.namespace(ns)).as("readable until the deletion is done").isPresent();
        clock.advance(Duration.ofSeconds(2));
        assertThat(map.operation(op).status()).isEqualTo("PENDING");
        clock.advance(SimCloudMap.DELETING);
        assertThat(map.operation(op).status()).isEqualTo("SUCCESS");
        assertThat(map.namespace(ns)).isEmpty();
        assertThat(map.namespacesNamed("shop")).isEmpty();
        assertThatThrownBy(() -> map.deleteNamespace(ns)).satisfies(e -> assertThat(code(e)).isEqualTo("NamespaceNotFound"));
        assertThatThrownBy(() -> map.operation("op-nonesuch")).satisfies(e -> assertThat(code(e)).isEqualTo("OperationNotFound"));
    }
}
