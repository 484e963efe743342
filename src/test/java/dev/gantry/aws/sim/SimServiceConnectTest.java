package dev.gantry.aws.sim;

import dev.gantry.aws.AwsClients;
import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.*;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulated ECS's Service Connect rules (see EcsServiceConnect for their sources). */
class SimServiceConnectTest {
    VirtualScheduler clock = new VirtualScheduler();
    SimWorld world = new SimWorld(new SimState(), clock, SimLatency.realistic());
    AwsClients aws = FakeNeighbours.ready().clients(world);

    private String register(String family, String portName) {
        String role = aws.iam().createRole(CreateRoleRequest.builder().roleName(family + "-execution").path("/gantry/shop/")
                .assumeRolePolicyDocument(SimEcsTest.trust()).build()).role().arn();
        aws.iam().attachRolePolicy(AttachRolePolicyRequest.builder().roleName(family + "-execution").policyArn(IamState.ECS_TASK_EXECUTION_POLICY_ARN).build());
        aws.logs().createLogGroup(b -> b.logGroupName("/gantry/" + family));
        ContainerDefinition c = ContainerDefinition.builder().name("shop").image("public.ecr.aws/nginx/nginx:1.27").essential(true)
                .portMappings(PortMapping.builder().containerPort(9000).name(portName).build())
                .logConfiguration(LogConfiguration.builder().logDriver(LogDriver.AWSLOGS)
                        .options(java.util.Map.of("awslogs-group", "/gantry/" + family, "awslogs-region", "us-east-1", "awslogs-stream-prefix", "shop")).build()).build();
        return aws.ecs().registerTaskDefinition(b -> b.family(family).cpu("256").memory("512").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).executionRoleArn(role).containerDefinitions(c)).taskDefinition().taskDefinitionArn();
    }

    private void create(String name, String td, ServiceConnectConfiguration sc) {
        aws.ecs().createService(b -> b.cluster("shop").serviceName(name).taskDefinition(td).desiredCount(1).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets("subnet-a", "subnet-b").securityGroups("sg-service")))
                .serviceConnectConfiguration(sc));
    }

    private static ServiceConnectConfiguration endpoint(String portName, String name, int port) {
        return ServiceConnectConfiguration.builder().enabled(true).services(ServiceConnectService.builder().portName(portName).discoveryName(name)
                .clientAliases(ServiceConnectClientAlias.builder().port(port).dnsName(name).build()).build()).build();
    }

    @Test
    void aClusterDefaultMakesAnHttpNamespaceThatOutlivesTheDefaultAndTheCluster() {
        aws.ecs().createCluster(b -> b.clusterName("shop").serviceConnectDefaults(d -> d.namespace("shop")));
        assertThat(world.state.cloudMap.namespaces.values()).singleElement().satisfies(n -> {
            assertThat(n.name).isEqualTo("shop");
            assertThat(n.type).isEqualTo("HTTP");
        });
        String arn = world.state.cloudMap.namespaces.keySet().iterator().next();
        assertThat(aws.ecs().describeClusters(b -> b.clusters("shop")).clusters().get(0).serviceConnectDefaults().namespace()).isEqualTo(arn);
        // A second cluster naming it uses the same namespace.
        aws.ecs().createCluster(b -> b.clusterName("other").serviceConnectDefaults(d -> d.namespace("shop")));
        assertThat(world.state.cloudMap.namespaces).hasSize(1);
        aws.ecs().updateCluster(b -> b.cluster("shop").serviceConnectDefaults(d -> d.namespace("")));
        assertThat(aws.ecs().describeClusters(b -> b.clusters("shop")).clusters().get(0).serviceConnectDefaults()).isNull();
        aws.ecs().deleteCluster(b -> b.cluster("shop"));
        assertThat(world.state.cloudMap.namespaces).containsKey(arn);
        assertThatThrownBy(() -> aws.ecs().createCluster(b -> b.clusterName("bad").serviceConnectDefaults(d -> d.namespace("a<b"))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void aServiceNeedsANamespaceANamedPortAndADiscoveryNameOfItsOwn() {
        aws.ecs().createCluster(b -> b.clusterName("shop"));
        String td = register("shop-queue", "queue");
        assertThatThrownBy(() -> create("shop-queue", td, endpoint("queue", "queue", 9000)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("requires a namespace");
        aws.ecs().updateCluster(b -> b.cluster("shop").serviceConnectDefaults(d -> d.namespace("shop")));
        assertThatThrownBy(() -> create("shop-queue", td, endpoint("http", "queue", 9000)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("portName 'http'");
        create("shop-queue", td, endpoint("queue", "queue", 9000));
        String other = register("shop-jobs", "queue");
        assertThatThrownBy(() -> create("shop-jobs", other, endpoint("queue", "queue", 9001)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("already used in the namespace by the service shop-queue");
        Deployment d = aws.ecs().describeServices(b -> b.cluster("shop").services("shop-queue")).services().get(0).deployments().get(0);
        assertThat(d.serviceConnectConfiguration().services().get(0).clientAliases().get(0).dnsName()).isEqualTo("queue");
    }

    @Test
    void turningServiceConnectOnForARunningServiceStartsANewDeployment() {
        aws.ecs().createCluster(b -> b.clusterName("shop").serviceConnectDefaults(d -> d.namespace("shop")));
        String td = register("shop-web", "web");
        create("shop-web", td, null);
        String first = aws.ecs().describeServices(b -> b.cluster("shop").services("shop-web")).services().get(0).deployments().get(0).id();
        aws.ecs().updateService(b -> b.cluster("shop").service("shop-web").serviceConnectConfiguration(c -> c.enabled(true)));
        Service s = aws.ecs().describeServices(b -> b.cluster("shop").services("shop-web")).services().get(0);
        assertThat(s.deployments().get(0).id()).isNotEqualTo(first);
        assertThat(s.deployments().get(0).serviceConnectConfiguration().enabled()).isTrue();
    }
}
