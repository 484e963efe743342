package dev.gantry.e2e;

import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11: deletes follow real dependencies, so one stuck delete holds back only what needs it gone. */
class DestroyOrderEndToEndTest {

    @Test void a_certificate_that_cannot_be_deleted_holds_back_nothing_else() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        dev.gantry.aws.sim.SimFaults.of(h.world).deny("acm:DeleteCertificate");
        h.events.clear();

        ApplyResult r = h.destroy(spec);

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f).startsWith("certificate.main:"));
        assertThat(r.skipped()).isZero();
        assertThat(h.events).noneMatch(e -> e instanceof ApplyEvent.Skipped);
        // The VPC, the cluster, the secret's parameter and the log group are gone; only the certificate is left.
        assertThat(h.inventory(spec).keySet()).containsExactly("certificate.main");
    }

    @Test void a_stuck_load_balancer_holds_back_what_it_sits_in_and_the_summary_says_why() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        dev.gantry.aws.sim.SimFaults.of(h.world).deny("elasticloadbalancing:DeleteLoadBalancer");
        h.events.clear();

        ApplyResult r = h.destroy(spec);

        assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f).startsWith("load-balancer.main:"));
        List<String> skipped = h.events.stream().filter(e -> e instanceof ApplyEvent.Skipped)
                .map(e -> ((ApplyEvent.Skipped) e).change().address() + " " + ((ApplyEvent.Skipped) e).because()).toList();
        // What the load balancer sits in waits for it; the rest (cluster, roles, log group, certificate…) is deleted.
        assertThat(skipped).contains("security-group.load-balancer depends on load-balancer.main, which failed",
                "subnet.public-0 depends on load-balancer.main, which failed");
        assertThat(h.inventory(spec)).doesNotContainKeys("cluster.main", "log-group.main", "certificate.main", "role.task",
                "parameter.DB_PASSWORD", "service.main", "target-group.main");
    }

    /** Issue 18: destroy counts what AWS confirms gone; one made again meanwhile is named, not counted, and fails the run. */
    @Test void destroy_counts_only_what_is_gone_and_names_what_is_still_there() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        int before = h.inventory(spec).size();
        dev.gantry.engine.Engine engine = new dev.gantry.engine.Engine(dev.gantry.resources.catalog.Catalog.standard(), h.aws, h.time, h.secrets, e -> {
            // Something (a task still writing logs with awslogs-create-group, a colleague's script) makes the log group again.
            if (e instanceof ApplyEvent.Done d && d.change().address().toString().equals("log-group.main")) {
                h.aws.logs().createLogGroup(b -> b.logGroupName("/gantry/hello").tags(java.util.Map.of("gantry:app", "hello", "gantry:component", "log-group.main")));
            }
        });

        ApplyResult r = engine.destroy(spec, dev.gantry.engine.TestOptions.yes("gantry destroy"));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.deleted()).isEqualTo(before - 1);
        assertThat(r.failures()).anySatisfy(f -> assertThat(f).startsWith("log-group.main").contains("still there"));
        assertThat(h.inventory(spec).keySet()).containsExactly("log-group.main");
        assertThat(h.destroy(spec).exitCode()).as("the next destroy finishes the job").isZero();
        assertThat(h.inventory(spec)).isEmpty();
    }
}
