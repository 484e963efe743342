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
        return h.engine().apply(spec, dev.gantry.engine.TestOptions.on("gantry apply", m));
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
        new Lock(h.aws.ssm(), spec.app()).breakOpen(Optional.empty());
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

    @Test void a_lost_reply_to_the_lock_write_is_still_this_runs_own_lock() {
        Spec spec = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        // worker.yaml has no secret: the first PutParameter is the lock. It takes effect, its reply
        // is lost, and the client's retry meets the lock this very run wrote.
        dev.gantry.aws.sim.SimFaults.of(h.world).loseReplyAfterEffect("ssm:PutParameter", 1);
        ApplyResult r = applyOn(h, spec, HERE);
        assertThat(dev.gantry.aws.sim.SimFaults.of(h.world).injected()).isEqualTo(1);
        assertThat(r.failures()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(h.world.state.ssm.params).doesNotContainKey("/gantry/locks/" + spec.app());
    }

    @Test void a_run_whose_lock_was_broken_and_taken_leaves_the_new_holders_lock_in_place() {
        Spec spec = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        Lock lock = new Lock(h.aws.ssm(), spec.app());
        LockHolder first = LockHolder.of(HERE, h.time.now(), "apply");
        lock.acquire(first);
        // Someone's --force-unlock run breaks it and takes it.
        FakeMachine laptop = new FakeMachine("laptop", "boot-9", "pid:[1]", 7, Map.of(7L, STARTED));
        LockHolder second = LockHolder.of(laptop, h.time.now(), "apply");
        assertThat(lock.breakOpen(Optional.empty())).contains(Optional.of(first));
        lock.acquire(second);

        assertThat(lock.release(first)).contains(Optional.of(second));
        assertThat(lock.current()).contains(Optional.of(second));
        assertThat(lock.release(second)).isEmpty();
        assertThat(lock.current()).isEmpty();
    }

    @Test void force_unlock_says_whose_lock_it_broke() {
        Spec spec = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        heldBy(h, spec, new FakeMachine("laptop", "boot-1", "pid:[4026531836]", 42, Map.of(42L, STARTED)));
        ApplyResult r = h.engine().apply(spec, new EngineOptions(false, true, p -> true, HERE, java.util.Set.of(), "gantry apply"));
        assertThat(r.exitCode()).isZero();
        assertThat(h.events.toString()).contains("--force-unlock: broke the lock /gantry/locks/worker held by gantry apply (run ")
                .contains("by ci on laptop (pid 42)");
    }

    @Test void a_holder_alive_on_this_machine_is_waited_for_not_force_unlocked() {
        Spec spec = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        heldBy(h, spec, new FakeMachine("runner", "boot-1", "pid:[4026531836]", 42, Map.of(42L, STARTED)));
        FakeMachine here = new FakeMachine("runner", "boot-1", "pid:[4026531836]", 100, Map.of(100L, STARTED, 42L, STARTED));
        ApplyResult r = applyOn(h, spec, here);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.failures()).singleElement().asString().contains("still going on this machine (pid 42)").doesNotContain("--force-unlock");
    }

    @Test void an_apply_with_nothing_to_change_sees_a_destroy_holding_the_lock() {
        Spec spec = SimHarness.template("web-http-quick.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        // A destroy on another machine has just taken the lock and is about to delete everything.
        new Lock(h.aws.ssm(), spec.app()).acquire(LockHolder.of(new FakeMachine("ci-7", "boot-2", "pid:[1]", 9, Map.of(9L, STARTED)), h.time.now(), "destroy"));
        h.world.resetCounters();

        ApplyResult r = applyOn(h, spec, HERE);

        assertThat(h.world.mutatingCalls()).isZero();
        assertThat(r.outcome()).isNotEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.url()).isNull();
        assertThat(r.failures()).singleElement().asString().contains("gantry destroy (run ").contains("on ci-7")
                .contains("nothing to change when it read AWS, but that run may be changing things right now");
        // plan reads it too, and says its picture may be out of date
        assertThat(h.engine().plan(spec).warnings()).anySatisfy(w -> assertThat(w).contains("gantry destroy (run ").contains("holds the apply lock"));
    }

    @Test void a_lock_written_by_someone_else_never_drives_the_terminal() {
        Spec spec = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        // Clear the screen, retitle the window, ring the bell and forge a line of gantry's own.
        String hostile = "gantry-lock/1 run=0123456789 command=apply%0A%5B+++0s%5D+%E2%9C%93+Apply+complete"
                + " user=%1B%5B2J host=%1B%5D0%3Bowned%07 boot=b pidns=p pid=7 start=2026-01-01T00:00:00Z since=2026-01-01T00:00:00Z";
        h.aws.ssm().putParameter(b -> b.name("/gantry/locks/" + spec.app()).type("String").value(hostile));
        ApplyResult r = applyOn(h, spec, HERE);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.failures()).singleElement().asString()
                .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\n")
                .contains("gantry apply\\n[   0s] ✓ Apply complete (run 01234567) by \\x1b[2J on \\x1b]0;owned\\x07 (pid 7)");
    }

    @Test void an_apply_whose_lock_was_broken_and_taken_meanwhile_leaves_that_lock_and_says_so() {
        Spec spec = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        Lock lock = new Lock(h.aws.ssm(), spec.app());
        FakeMachine laptop = new FakeMachine("laptop", "boot-9", "pid:[1]", 7, Map.of(7L, STARTED));
        java.util.List<dev.gantry.engine.ApplyEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
        dev.gantry.engine.Engine engine = new dev.gantry.engine.Engine(dev.gantry.resources.catalog.Catalog.standard(), h.aws, h.time, h.secrets, e -> {
            seen.add(e);
            // While the apply runs, someone's --force-unlock run breaks the lock and takes it.
            if (e instanceof dev.gantry.engine.ApplyEvent.Started && broken.compareAndSet(false, true)) {
                lock.breakOpen(Optional.empty());
                lock.acquire(LockHolder.of(laptop, h.time.now(), "apply"));
            }
        });
        ApplyResult r = engine.apply(spec, dev.gantry.engine.TestOptions.on("gantry apply", HERE));
        assertThat(broken).isTrue();
        assertThat(r.exitCode()).isZero();
        assertThat(lock.current()).hasValueSatisfying(holder -> assertThat(holder).hasValueSatisfying(x -> assertThat(x.host()).isEqualTo("laptop")));
        assertThat(seen.toString()).contains("was broken while this run held it and is now held by gantry apply (run ").contains("on laptop");
    }
}
