package dev.gantry.resources.compute;

import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/** What AWS answers about a look-alike made for EC2 reads with those fields empty: it never crashes a claim. */
class LookAlikeReadsTest {

    @Test void an_ec2_task_definition_without_task_level_cpu_or_memory_reads_them_as_empty() {
        TaskDefinition td = TaskDefinition.builder().taskDefinitionArn("arn:aws:ecs:us-east-1:123456789012:task-definition/hello:3")
                .family("hello").revision(3).networkMode("bridge")
                .containerDefinitions(ContainerDefinition.builder().name("web").image("nginx").memory(128).build()).build();
        Observed o = TaskDefinitionType.observed(Addresses.TASK_DEFINITION, td);
        assertThat(o.props()).doesNotContainKeys("cpu", "memory").containsEntry("image", "nginx");
        assertThat(TaskDefinitionType.units(" 512 ")).isEqualTo(512);
        assertThat(TaskDefinitionType.units("1 vCPU")).isNull();
    }

    @Test void a_service_on_ec2_networking_reads_without_subnets() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", false));
        Service s = Service.builder().serviceName("hello").serviceArn("arn:aws:ecs:us-east-1:123456789012:service/hello/hello")
                .clusterArn("arn:aws:ecs:us-east-1:123456789012:cluster/hello").taskDefinition("hello:3").desiredCount(1).build();
        Observed o = ServiceType.observed(Addresses.SERVICE, s, true);
        assertThat(o.props()).containsEntry("subnets", java.util.List.of()).containsEntry("assignPublicIp", false);
    }
}
