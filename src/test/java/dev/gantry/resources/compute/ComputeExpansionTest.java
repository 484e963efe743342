package dev.gantry.resources.compute;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Ref;
import dev.gantry.spec.Autoscaling;
import dev.gantry.spec.Certificate;
import dev.gantry.spec.NatMode;
import dev.gantry.spec.Network;
import dev.gantry.spec.Service;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComputeExpansionTest {
    static List<Desired> expand(Spec spec) {
        List<Desired> out = new ArrayList<>();
        ComputeResources.expand(spec, out);
        return out;
    }

    static Desired find(List<Desired> all, String address) {
        return all.stream().filter(d -> d.address().toString().equals(address)).findFirst().orElseThrow();
    }

    @Test void aServiceWithSecretsAndALoadBalancer() {
        List<Desired> all = expand(ComputeFixture.spec("nginx:1.27", true));
        assertThat(all).extracting(d -> d.address().toString()).containsExactly("log-group.main", "parameter.API_KEY", "parameter.PASSWORD",
                "role.execution", "role.task", "cluster.main", "task-definition.main", "service.main");
        assertThat(find(all, "parameter.API_KEY").data()).isTrue();
        assertThat(find(all, "parameter.PASSWORD").data()).isFalse();
        assertThat(find(all, "parameter.PASSWORD").props()).containsEntry("name", "/hello/password").containsEntry("type", "SecureString");
        assertThat(find(all, "log-group.main").props()).isEqualTo(Map.of("name", "/gantry/hello", "retentionDays", 30));
        assertThat(find(all, "role.execution").props().get("secretArns")).isEqualTo(List.of(
                Ref.to(Address.parse("parameter.API_KEY"), "arn"), Ref.to(Address.parse("parameter.PASSWORD"), "arn")));
        assertThat(find(all, "role.execution").props()).containsEntry("path", "/gantry/hello/")
                .containsEntry("managedPolicies", List.of("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
        Desired td = find(all, "task-definition.main");
        assertThat(td.dependsOn()).contains(Address.parse("role.execution"), Address.parse("role.task"), Address.parse("log-group.main"),
                Address.parse("parameter.PASSWORD"), Address.parse("parameter.API_KEY"));
        assertThat(td.props().toString()).doesNotContain("hunter2");
        Desired svc = find(all, "service.main");
        // The private subnets are reached through the route table that gives them their way out (NetworkResources.serviceSubnetRefs).
        assertThat(svc.dependsOn()).contains(Address.parse("listener.http"), Address.parse("target-group.main"),
                Address.parse("security-group.service"), Address.parse("task-definition.main"), Address.parse("cluster.main"));
        assertThat(svc.props().get("subnets")).isEqualTo(dev.gantry.resources.network.NetworkResources.serviceSubnetRefs(ComputeFixture.spec("nginx:1.27", true)));
        assertThat(svc.dependsOn()).doesNotContain(Address.parse("listener.https"));
        assertThat(svc.dependsOn()).contains(Address.parse("route-table.private"));
        assertThat(svc.props()).containsEntry("assignPublicIp", false).containsEntry("desiredCount", 2).containsEntry("containerPort", 80)
                .containsEntry("rollbackOnFailure", true);
    }

    @Test void withACertificateTheServiceWaitsForTheHttpsListener() {
        Spec spec = ComputeFixture.spec("nginx:1.27", true).withCertificate(new Certificate("hello.example.com", List.of(), null));
        assertThat(find(expand(spec), "service.main").dependsOn()).contains(Address.parse("listener.https")).doesNotContain(Address.parse("listener.http"));
    }

    @Test void aWorkerWithoutLoadBalancerInPublicSubnets() {
        Spec spec = ComputeFixture.spec("nginx:1.27", false).withNetwork(Network.newVpc("10.0.0.0/16", 3, NatMode.NONE));
        Desired svc = find(expand(spec), "service.main");
        assertThat(svc.props()).doesNotContainKeys("containerPort", "healthCheckGracePeriodSeconds").containsEntry("targetGroupArn", null).containsEntry("assignPublicIp", true);
        assertThat(svc.props().get("subnets")).isEqualTo(List.of(Ref.to(Address.parse("subnet.public-0"), "id"),
                Ref.to(Address.parse("subnet.public-1"), "id"), Ref.to(Address.parse("subnet.public-2"), "id")));
        assertThat(svc.dependsOn()).noneMatch(a -> a.type().equals("listener"));
        assertThat(svc.dependsOn()).contains(Address.parse("route-table.public")).doesNotContain(Address.parse("route-table.private"));
        Spec perAz = spec.withNetwork(Network.newVpc("10.0.0.0/16", 2, NatMode.PER_AZ));
        assertThat(find(expand(perAz), "service.main").dependsOn()).contains(Address.parse("route-table.private-0"), Address.parse("route-table.private-1"));
        Spec defaultVpc = spec.withNetwork(Network.defaultVpc());
        assertThat(find(expand(defaultVpc), "service.main").dependsOn()).noneMatch(a -> a.type().equals("route-table"));
    }

    @Test void autoscalingLeavesTheCountToItAndAddsTargetAndPolicy() {
        Spec spec = ComputeFixture.spec("nginx:1.27", true).withService(new Service(2, 100, 200, true, new Autoscaling(2, 6, 60)));
        List<Desired> all = expand(spec);
        assertThat(find(all, "service.main").props()).doesNotContainKey("desiredCount");
        assertThat(find(all, "scaling-target.main").props()).isEqualTo(Map.of("resourceId", "service/hello/hello", "min", 2, "max", 6));
        assertThat(find(all, "scaling-target.main").dependsOn()).contains(Address.parse("service.main"));
        assertThat(find(all, "scaling-policy.cpu").props()).containsEntry("cpuTarget", 60);
        assertThat(find(all, "scaling-policy.cpu").dependsOn()).contains(Address.parse("scaling-target.main"));
    }

    @Test void tiersLetEveryResourceDependOnLowerOnesOnly() {
        var catalog = new dev.gantry.resources.catalog.Catalog(ComputeResources.types());
        Spec spec = ComputeFixture.spec("nginx:1.27", true).withService(new Service(2, 100, 200, true, new Autoscaling(2, 6, 60)));
        for (Desired d : expand(spec)) {
            int tier = catalog.type(d.address().type()).tier();
            for (Address dep : d.dependsOn()) {
                if (!catalog.types().stream().map(t -> t.type()).toList().contains(dep.type())) continue;
                assertThat(catalog.type(dep.type()).tier()).as(d.address() + " -> " + dep).isLessThan(tier);
            }
        }
    }
}
