package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.cost.Prices;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Action;
import dev.gantry.plan.Plan;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.ui.WizardReview;
import dev.gantry.wizard.LookupResults;
import dev.gantry.wizard.SpecStore;
import dev.gantry.wizard.WizardFlow;
import dev.gantry.wizard.WizardSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21 item 5 against the simulated AWS: a service added by the wizard to a running version-1
 * app only creates (the first keeps its AWS names and is served throughout), and what the wizard
 * says a removal deletes is exactly what the next apply deletes, the others staying up.
 */
class WizardServicesEndToEndTest {

    private static WizardSession open(String text) throws Exception {
        return WizardSession.open(new SpecStore.Memory(text), LookupResults.offline(), Prices.embedded());
    }

    @Test
    void aServiceAddedByTheWizardOnlyCreatesAndItsRemovalDeletesWhatItSaid() throws Exception {
        String v1Text = Files.readString(Path.of("templates/web-https.yaml"));
        Spec v1 = SpecLoader.load("gantry.yaml", v1Text);
        SimHarness h = new SimHarness().prepare(v1);
        assertThat(h.apply(v1).exitCode()).isZero();

        WizardSession adding = open(v1Text);
        WizardFlow f = adding.flow();
        assertThat(f.addService("api", WizardFlow.ServiceKind.WEB)).isNull();
        f.set("task.image", "public.ecr.aws/docker/library/httpd:2.4");
        f.set("task.port", "8080");
        f.set("public.routes", "hello.example.com/api/*");
        f.set("loadBalancer.healthCheckPath", "/health");
        assertThat(f.errors()).isEmpty();
        Spec two = SpecLoader.load("gantry.yaml", adding.specText());
        assertThat(two.services().keySet()).containsExactly("hello", "api");

        Plan add = h.plan(two);
        // Only creates, but for the tasks' firewall, which lets the load balancer reach the new port too.
        assertThat(add.mutating()).filteredOn(c -> c.action() != Action.CREATE).extracting(c -> c.action() + " " + c.address())
                .containsExactly("UPDATE security-group.service");
        // The first service keeps the listener's default and gains a rule for its own host, as migrate's route.
        assertThat(add.mutating()).filteredOn(c -> c.action() == Action.CREATE).extracting(c -> c.address().toString())
                .allSatisfy(a -> assertThat(a).matches(".*api.*|listener-rule\\.hello-0"));
        SimServing.Recorder hello = new SimServing.Recorder(h.world, h.time, "hello.example.com", "/", "hello").start();
        ApplyResult added = h.apply(two);
        hello.stop();
        assertThat(added.exitCode()).as(added.failures().toString()).isZero();
        assertThat(hello.outages()).isEmpty();
        assertThat(SimServing.blocked(h.world, "hello.example.com", "/api/x", "hello-api")).isEmpty();

        // Removing it: the wizard says what goes before it is removed; the plan deletes exactly that.
        WizardSession removing = open(adding.specText());
        WizardFlow r = removing.flow();
        List<String> said = WizardReview.removal(r.tryBuild(), r.tryBuildWithout("api"), "api");
        r.removeService("api");
        Spec one = SpecLoader.load("gantry.yaml", removing.specText());
        Plan remove = h.plan(one);
        List<String> deleted = remove.mutating().stream().filter(c -> c.action() == Action.DELETE).map(c -> "(" + c.address() + ")").toList();
        assertThat(deleted).isNotEmpty();
        assertThat(said.stream().filter(l -> l.startsWith("  - ")).map(l -> l.substring(l.lastIndexOf(" (") + 1)).toList())
                .containsExactlyInAnyOrderElementsOf(deleted);
        List<String> updated = remove.mutating().stream().filter(c -> c.action() != Action.DELETE).map(c -> c.action() + " (" + c.address() + ")").toList();
        assertThat(updated).containsExactly("UPDATE (security-group.service)");
        assertThat(said.stream().filter(l -> l.startsWith("  ~ ")).map(l -> "UPDATE " + l.substring(l.lastIndexOf(" (") + 1)).toList())
                .containsExactlyElementsOf(updated);
        assertThat(said).contains("and changes what the other services share:", "Kept running, served throughout: hello.");

        hello = new SimServing.Recorder(h.world, h.time, "hello.example.com", "/", "hello").start();
        ApplyResult removed = h.apply(one);
        hello.stop();
        assertThat(removed.exitCode()).as(removed.failures().toString()).isZero();
        assertThat(hello.outages()).isEmpty();
        assertThat(h.world.state.ecs.services.values()).filteredOn(s -> "ACTIVE".equals(s.status)).extracting(s -> s.name).containsExactly("hello");
        assertThat(h.plan(one).hasChanges()).isFalse();
    }
}
