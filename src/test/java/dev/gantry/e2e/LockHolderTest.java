package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.EngineOptions;
import dev.gantry.engine.Lock;
import dev.gantry.engine.LockHolder;
import dev.gantry.engine.Machine;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A lock is broken only when its holder is provably dead; anything else is refused with who holds it and since when. */
class LockHolderTest {
    static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

    /** A container (or machine) with the given identity, whose live processes are {@code running} (pid → start). */
    record FakeMachine(String host, String bootId, String pidNamespace, long pid, Map<Long, Instant> running) implements Machine {
        @Override public String user() { return "ci"; }
        @Override public Optional<Instant> startOf(long p) { return Optional.ofNullable(running.get(p)); }
    }

    static final FakeMachine HERE = new FakeMachine("runner", "boot-1", "pid:[4026531836]", 100, Map.of(100L, STARTED));

    /** The holder, in the state a run of {@code m} left in the lock. */
    static void heldBy(SimHarness h, Spec spec, FakeMachine m) {
        new Lock(h.aws.ssm(), spec.app()).acquire(LockHolder.of(m, h.time.now(), "apply"));
    }

    private static ApplyResult applyOn(SimHarness h, Spec spec, Machine m) {
        return h.engine().apply(spec, EngineOptions.yes("gantry apply").on(m));
    }

    @Test void a_live_holder_in_another_pid_namespace_with_the_same_host_and_pid_is_never_broken() {
        Spec spec = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        // Another container: same hostname, same boot, same pid number, its own PID namespace. From
        // here its pid looks dead (no such process in our namespace), yet it is running.
        heldBy(h, spec, new FakeMachine("runner", "boot-1", "pid:[4026532000]", 42, Map.of(42L, STARTED)));
        ApplyResult r = applyOn(h, spec, HERE);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.failures()).singleElement().asString()
                .contains("gantry apply (run ").contains("by ci on runner (pid 42) since").contains("--force-unlock");
        assertThat(h.inventory(spec)).isEmpty();
    }

    @Test void another_boot_or_host_is_no_proof_either() {
        Spec spec = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        heldBy(h, spec, new FakeMachine("runner", "boot-0", "pid:[4026531836]", 42, Map.of(42L, STARTED)));
        assertThat(applyOn(h, spec, HERE).exitCode()).isEqualTo(1);
        new Lock(h.aws.ssm(), spec.app()).release();
        heldBy(h, spec, new FakeMachine("laptop", "boot-1", "pid:[4026531836]", 42, Map.of(42L, STARTED)));
        assertThat(applyOn(h, spec, HERE).exitCode()).isEqualTo(1);
    }

    @Test void a_holder_whose_process_is_gone_here_is_broken_and_the_apply_goes_ahead() {
        Spec spec = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        heldBy(h, spec, new FakeMachine("runner", "boot-1", "pid:[4026531836]", 42, Map.of(42L, STARTED)));
        // Same host, boot and namespace; pid 42 no longer runs.
        assertThat(applyOn(h, spec, HERE).exitCode()).isZero();
        assertThat(h.events.toString()).contains("breaking a lock left by a run that died");
    }

    @Test void a_reused_pid_with_another_start_time_is_a_dead_holder_and_a_live_one_is_not() {
        Spec spec = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        heldBy(h, spec, new FakeMachine("runner", "boot-1", "pid:[4026531836]", 42, Map.of(42L, STARTED)));
        FakeMachine alive = new FakeMachine("runner", "boot-1", "pid:[4026531836]", 100, Map.of(100L, STARTED, 42L, STARTED));
        assertThat(applyOn(h, spec, alive).exitCode()).isEqualTo(1);
        FakeMachine reused = new FakeMachine("runner", "boot-1", "pid:[4026531836]", 100, Map.of(100L, STARTED, 42L, STARTED.plusSeconds(60)));
        assertThat(applyOn(h, spec, reused).exitCode()).isZero();
    }

    @Test void a_lock_parameter_gantry_did_not_write_is_never_shown() {
        Spec spec = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        h.aws.ssm().putParameter(b -> b.name("/gantry/locks/" + spec.app()).type("String").value("hunter2-not-a-lock"));
        ApplyResult r = applyOn(h, spec, HERE);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.failures()).singleElement().asString().doesNotContain("hunter2").contains("not written by gantry");
    }

    @Test void the_lock_value_round_trips_and_names_everything_that_proves_death() {
        LockHolder me = LockHolder.of(HERE, STARTED, "destroy");
        String v = me.encode();
        assertThat(v).contains("boot=boot-1").contains("pidns=pid").contains("pid=100").contains("run=" + me.runId());
        assertThat(LockHolder.of(HERE, STARTED, "apply").runId()).isNotEqualTo(me.runId());
    }
}
