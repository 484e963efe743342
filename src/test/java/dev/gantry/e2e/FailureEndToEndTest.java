package dev.gantry.e2e;

import dev.gantry.aws.sim.SimulatedCrash;
import dev.gantry.diagnose.Diagnosis;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** What goes wrong: crashes at any instant, images that cannot run, missing secrets. */
class FailureEndToEndTest {

    /** How many resources of each type a clean apply leaves, to compare crashed-and-resumed runs with. */
    static Map<String, Long> census(SimHarness h, Spec spec) {
        Map<String, Long> out = new TreeMap<>();
        h.inventory(spec).keySet().forEach(a -> out.merge(a, 1L, Long::sum));
        return out;
    }

    @Test void a_crash_after_any_mutating_call_resumes_without_duplicates_or_orphans() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness clean = new SimHarness().prepare(spec);
        assertThat(clean.apply(spec).exitCode()).isZero();
        long calls = clean.world.mutatingCalls();
        Map<String, Long> expected = census(clean, spec);
        assertThat(calls).isGreaterThan(20);

        for (long k = 1; k <= calls; k++) {
            SimHarness h = new SimHarness().prepare(spec);
            dev.gantry.aws.sim.SimFaults.of(h.world).crashAfterMutation(k);
            try {
                h.apply(spec);
                fail("expected a crash after call " + k);
            } catch (SimulatedCrash expectedCrash) {
                // the process died here; a new one starts below
            }
            dev.gantry.aws.sim.SimFaults.of(h.world).clear();
            // The dead run left its lock; the person breaks it, as the error message tells them to.
            ApplyResult resumed = h.engine().apply(spec, dev.gantry.engine.TestOptions.forcingUnlock("gantry apply"));
            if (resumed.exitCode() == 2 && String.join("\n", resumed.failures()).contains("AWS changed after the plan was shown")) {
                // A call the dead run had in flight took effect after the resumed run's first look
                // (here its task definition): the plan under the lock is not the one shown, so
                // nothing was done; the person runs it again, as told.
                resumed = h.engine().apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply"));
            }
            assertThat(resumed.exitCode()).as("resume after crash at call %d: %s", k, resumed.failures()).isZero();
            assertThat(census(h, spec)).as("after crash at call %d", k).isEqualTo(expected);
            assertThat(h.plan(spec).hasChanges()).as("converged after crash at call %d", k).isFalse();
            long vpcs = h.aws.ec2().describeVpcs().vpcs().stream().filter(v -> !Boolean.TRUE.equals(v.isDefault())).count();
            assertThat(vpcs).as("VPCs after crash at call %d", k).isEqualTo(1);
            assertThat(h.aws.ec2().describeAddresses().addresses()).as("EIPs after crash at call %d", k).hasSize(1);
            assertThat(h.aws.acm().listCertificates().certificateSummaryList()).as("certificates after crash at call %d", k).hasSize(1);
        }
    }

    @Test void ctrl_c_mid_apply_stops_cleanly_and_the_next_apply_converges() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        dev.gantry.engine.Engine engine = h.engine();
        // A minute in, the NAT gateway, load balancer and certificate are all still being waited for.
        h.time.schedule(java.time.Duration.ofSeconds(60), engine::cancel);
        ApplyResult stopped = engine.apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply"));
        assertThat(stopped.outcome()).isEqualTo(ApplyResult.Outcome.INTERRUPTED);
        assertThat(stopped.exitCode()).isEqualTo(130);
        assertThat(stopped.resumeCommand()).isEqualTo("gantry apply");
        assertThat(h.inventory(spec)).isNotEmpty().doesNotContainKey("service.main");

        // The interrupted run released its lock; the next one picks up the waits where they were.
        ApplyResult resumed = h.apply(spec);
        assertThat(resumed.exitCode()).as(resumed.failures().toString()).isZero();
        assertThat(h.plan(spec).hasChanges()).isFalse();
        assertThat(h.aws.ec2().describeNatGateways().natGateways().stream().filter(n -> n.stateAsString().equals("available"))).hasSize(1);
    }

    static Spec withImage(Spec spec, String image) {
        Task t = spec.task();
        return spec.withTask(new Task(image, t.cpu(), t.memory(), t.architecture(), t.port(), t.command(), t.environment(), t.secrets(), t.logs()));
    }

    @Test void an_image_that_cannot_be_pulled_fails_fast_with_a_plain_explanation() {
        Spec good = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(good);
        assertThat(h.apply(good).exitCode()).isZero();

        Spec bad = withImage(good, "public.ecr.aws/nginx/nginx-does-not-exist:9.9");
        ApplyResult r = h.apply(bad);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.outcome()).isEqualTo(ApplyResult.Outcome.ROLLOUT_FAILED);
        assertThat(r.diagnosis().cause()).isEqualTo(Diagnosis.Cause.IMAGE_PULL_FAILED);
        assertThat(r.diagnosis().summary()).containsIgnoringCase("image");
        assertThat(r.diagnosis().fixes()).isNotEmpty();
        assertThat(h.events).anyMatch(e -> e instanceof ApplyEvent.RolloutFailed);
        // Failing fast: long before a circuit breaker would give up (10+ failed tasks).
        assertThat(r.elapsed()).isLessThan(java.time.Duration.ofMinutes(5));
    }

    @Test void a_container_that_exits_is_explained_with_its_exit_code() {
        Spec good = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(good);
        ApplyResult r = h.apply(withImage(good, "public.ecr.aws/acme/worker:crash"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.diagnosis().cause()).isEqualTo(Diagnosis.Cause.CONTAINER_EXITED);
        assertThat(r.diagnosis().summary() + r.diagnosis().detail()).contains("1");
    }

    @Test void a_missing_secret_value_stops_apply_before_anything_changes() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        h.secrets = name -> Optional.empty();
        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(String.join("\n", r.failures())).contains("DB_PASSWORD").contains("GANTRY_SECRET_DB_PASSWORD");
        assertThat(h.world.mutatingCalls()).isZero();
    }
}
