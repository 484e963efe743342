package dev.gantry.e2e;

import dev.gantry.aws.sim.CloudMapState;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ECS makes the app's Cloud Map namespace for Service Connect and never deletes it: destroy does,
 * after the cluster, with the services ECS left in it; never a namespace someone else also uses.
 */
class ServiceConnectNamespaceDestroyTest {
    @Test void destroyLeavesNoNamespaceNorAnythingOfTheApp() throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", FourServicesEndToEndTest.text());
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult applied = h.apply(spec);
        assertThat(applied.exitCode()).as(applied.failures().toString()).isZero();
        CloudMapState.NamespaceRec ns = h.world.state.cloudMap.find("shop");
        assertThat(ns).as("ECS made the namespace").isNotNull();
        assertThat(h.world.state.cloudMap.services.values()).extracting(s -> s.name).containsExactly("queue");

        // The namespace is followed like the rest: a second apply changes nothing.
        h.world.resetCounters();
        assertThat(h.apply(spec).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).isZero();

        ApplyResult plan = h.destroy(spec);
        assertThat(plan.exitCode()).as(plan.failures().toString()).isZero();
        assertThat(h.world.state.cloudMap.namespaces).isEmpty();
        assertThat(h.world.state.cloudMap.services).isEmpty();
        assertThat(h.taggedLeftovers("shop")).isEmpty();
        assertThat(h.world.callsByAction()).containsKeys("servicediscovery:DeleteNamespace", "servicediscovery:DeleteService",
                "servicediscovery:GetOperation");
    }

    @Test void destroysPlanShowsTheNamespaceAfterTheCluster() throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", FourServicesEndToEndTest.text());
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult applied = h.apply(spec);
        assertThat(applied.exitCode()).as(applied.failures().toString()).isZero();
        dev.gantry.plan.Plan[] shown = new dev.gantry.plan.Plan[1];
        h.engine().destroy(spec, dev.gantry.engine.TestOptions.confirmingWith("gantry destroy", p -> { shown[0] = p; return false; }));
        var destroy = shown[0];
        var change = destroy.changes().stream().filter(c -> c.address().toString().equals("namespace.main")).findFirst().orElseThrow();
        assertThat(change.description()).isEqualTo("Cloud Map namespace shop that ECS made for Service Connect");
        var cluster = destroy.changes().stream().filter(c -> c.address().equals(dev.gantry.resources.Addresses.CLUSTER)).findFirst().orElseThrow();
        // A deletion's dependsOn is what it uses, deleted after it: the cluster names the namespace as its default.
        assertThat(cluster.dependsOn()).as("the namespace is deleted after the cluster").contains(dev.gantry.resources.Addresses.NAMESPACE);
    }

    @Test void aNamespaceThatAlsoHoldsSomeoneElsesServiceIsLeftAndDestroySaysSo() throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", FourServicesEndToEndTest.text());
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult applied = h.apply(spec);
        assertThat(applied.exitCode()).as(applied.failures().toString()).isZero();
        CloudMapState.NamespaceRec ns = h.world.state.cloudMap.find("shop");
        // A person registered a service of their own in the app's namespace.
        CloudMapState.ServiceRec theirs = new CloudMapState.ServiceRec();
        theirs.id = "srv-theirs0000000001";
        theirs.arn = "arn:aws:servicediscovery:us-east-1:123456789012:service/" + theirs.id;
        theirs.name = "billing";
        theirs.namespaceId = ns.id;
        theirs.instances = 1;
        h.world.state.cloudMap.services.put(theirs.id, theirs);

        dev.gantry.plan.Plan[] shown = new dev.gantry.plan.Plan[1];
        ApplyResult r = h.engine().destroy(spec, dev.gantry.engine.TestOptions.confirmingWith("gantry destroy", p -> { shown[0] = p; return true; }));
        assertThat(shown[0].changes()).filteredOn(c -> c.address().equals(dev.gantry.resources.Addresses.NAMESPACE)).singleElement()
                .satisfies(c -> assertThat(c.description()).isEqualTo("Cloud Map namespace shop that ECS made for Service Connect"
                        + " (left: it also holds billing, not this app's)"));
        assertThat(r.exitCode()).isNotZero();
        assertThat(String.join("\n", r.failures())).contains("the Cloud Map namespace shop is left")
                .contains("billing, which are not this app's");
        assertThat(h.world.state.cloudMap.namespaces).containsKey(ns.arn);
        assertThat(h.world.state.cloudMap.services).containsOnlyKeys(theirs.id);
        // Everything of the app is gone all the same.
        assertThat(h.taggedLeftovers("shop")).isEmpty();
        // The app's own service ECS left in it is deleted; the namespace is not.
        assertThat(h.world.callsByAction()).doesNotContainKeys("servicediscovery:DeleteNamespace");
    }

    /** An endpoint without Cloud Map (or credentials that may not read it) is an error, never "no namespace". */
    @Test void aCloudMapThatCannotBeReadStopsDestroyBeforeAnythingIsDeleted() throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", FourServicesEndToEndTest.text());
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult applied = h.apply(spec);
        assertThat(applied.exitCode()).as(applied.failures().toString()).isZero();
        dev.gantry.aws.sim.SimFaults.of(h.world).failAlways("servicediscovery:GetNamespace", dev.gantry.aws.sim.SimFaults.Failure.UNKNOWN_OPERATION);
        h.world.resetCounters();
        ApplyResult r = h.destroy(spec);
        assertThat(r.exitCode()).isNotZero();
        assertThat(String.join("\n", r.failures())).contains("cannot read the Cloud Map namespace")
                .contains("gantry does not guess that it is gone");
        assertThat(h.world.mutatingCalls()).isZero();
        assertThat(h.world.state.ecs.services.values()).filteredOn(s -> "ACTIVE".equals(s.status)).hasSize(4);
    }

    @Test void aVersionTwoAppWithoutAnInternalServiceMakesNoCloudMapCall() throws Exception {
        Spec spec = SpecLoader.load(java.nio.file.Path.of("templates/web-api-worker.yaml"));
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult applied = h.apply(spec);
        assertThat(applied.exitCode()).as(applied.failures().toString()).isZero();
        assertThat(h.destroy(spec).exitCode()).isZero();
        assertThat(h.world.callsByAction().keySet()).noneMatch(a -> a.startsWith("servicediscovery:"));
    }

    @Test void aVersionOneAppMakesNoCloudMapCall() throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", String.join("\n", "version: 1", "app: hello", "region: us-east-1",
                "network:", "  vpc: default", "task:", "  image: public.ecr.aws/docker/library/httpd:2.4", "  port: 80", ""));
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult applied = h.apply(spec);
        assertThat(applied.exitCode()).as(applied.failures().toString()).isZero();
        assertThat(h.destroy(spec).exitCode()).isZero();
        Map<String, Long> calls = h.world.callsByAction();
        assertThat(calls.keySet()).noneMatch(a -> a.startsWith("servicediscovery:"));
    }
}
