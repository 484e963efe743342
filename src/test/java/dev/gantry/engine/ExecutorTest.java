package dev.gantry.engine;

import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Planner;
import dev.gantry.plan.Ref;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.resources.ProgressSink;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;
import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutorTest {
    final VirtualScheduler time = new VirtualScheduler();
    final FakeType slow = new FakeType("slow", 0, Duration.ofSeconds(100), time);
    final FakeType fast = new FakeType("fast", 1, Duration.ZERO, time);
    final Catalog catalog = new Catalog(List.of(slow, fast));
    final Spec spec = new Spec(1, "demo", "us-east-1", null, null, null, Task.of("nginx:1.27", 80), null, null, null, null);
    final ResourceContext ctx = new ResourceContext(null, spec, "123456789012", time, SecretValues.none(), ProgressSink.NONE);
    final List<ApplyEvent> events = new CopyOnWriteArrayList<>();

    Plan plan(List<Desired> desired) {
        Map<Address, Observed> observed = new HashMap<>();
        slow.store.values().forEach(o -> observed.put(o.address(), o));
        fast.store.values().forEach(o -> observed.put(o.address(), o));
        return Planner.plan("demo", desired, observed, RULES);
    }

    static final Planner.TypeRules RULES = new Planner.TypeRules() {
        public Piece piece(String t) { return Piece.NETWORK; }
        public String noun(String t) { return t; }
        public Set<String> replaceOn(String t) { return Set.of("immutable"); }
        public boolean canUpdate(String t) { return true; }
    };

    Map<Address, Executor.State> run(Plan p, AtomicBoolean cancel) {
        Map<Address, Observed> current = new HashMap<>();
        slow.store.values().forEach(o -> current.put(o.address(), o));
        fast.store.values().forEach(o -> current.put(o.address(), o));
        return new Executor(catalog, ctx, time, events::add, time.now(), current, cancel).run(p);
    }

    static Desired d(String type, String name, Map<String, Object> props) {
        return Desired.managed(Address.of(type, name), Piece.NETWORK, type + " " + name, props, Set.of());
    }

    @Test void independent_waits_overlap_and_dependents_start_when_ready() {
        Desired a = d("slow", "a", FakeType.props("x", 1));
        Desired b = d("slow", "b", FakeType.props("x", 2));
        Desired c = d("fast", "c", FakeType.props("a", Ref.to(a.address(), "id"), "b", Ref.to(b.address(), "id")));
        Instant t0 = time.now();
        Map<Address, Executor.State> states = run(plan(List.of(a, b, c)), new AtomicBoolean());

        assertThat(states.values()).containsOnly(Executor.State.DONE);
        // a and b wait 100 s each, in parallel; c starts right after: makespan is one wait, not two.
        Duration makespan = Duration.between(t0, fast.startedAt.get("c"));
        assertThat(makespan).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(105));
        assertThat(fast.calls).containsExactly("create fast.c {a=id-a, b=id-b}");
    }

    @Test void a_resource_usable_while_it_gets_ready_lets_its_dependents_start_at_once() {
        slow.usableAtOnce = true;
        Desired a = d("slow", "a", FakeType.props("x", 1));
        Desired c = d("fast", "c", FakeType.props("a", Ref.to(a.address(), "id")));
        Instant t0 = time.now();
        Map<Address, Executor.State> states = run(plan(List.of(a, c)), new AtomicBoolean());

        assertThat(states.values()).containsOnly(Executor.State.DONE);
        assertThat(fast.startedAt.get("c")).isEqualTo(t0);
        // a itself is done only once ready: its own node waited the 100 s.
        ApplyEvent.Done aDone = events.stream().filter(e -> e instanceof ApplyEvent.Done dn && dn.change().address().equals(a.address()))
                .map(e -> (ApplyEvent.Done) e).findFirst().orElseThrow();
        assertThat(aDone.took()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(101));
    }

    @Test void the_critical_path_follows_the_waits_that_set_the_length() {
        Desired a = d("slow", "a", FakeType.props("x", 1));
        Desired b = d("slow", "b", FakeType.props("x", 2));
        slow.updateTakes = Duration.ZERO;
        fast.updateTakes = Duration.ofSeconds(30);
        Desired c = d("fast", "c", FakeType.props("a", Ref.to(a.address(), "id")));
        Executor ex = new Executor(catalog, ctx, time, events::add, time.now(), Map.of(), new AtomicBoolean());
        ex.run(plan(List.of(a, b, c)));
        CriticalPath path = CriticalPath.of(ex.spans(), spec);
        // c (no wait of its own when created) follows a, which waited 100 s; b's equal wait led nowhere later.
        assertThat(path.waits()).extracting(CriticalPath.Wait::what).containsExactly("slow to be ready");
        assertThat(path.waits().get(0).took()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(101));
    }

    @Test void failure_skips_dependents_but_not_independent_work() {
        fast.failOnCreate = name -> name.equals("c") ? new IllegalStateException("boom") : null;
        Desired c = d("fast", "c", FakeType.props("v", 1));
        Desired e = d("fast", "e", FakeType.props("c", Ref.to(c.address(), "id")));
        Desired f = d("fast", "f", FakeType.props("v", 2));
        Map<Address, Executor.State> states = run(plan(List.of(c, e, f)), new AtomicBoolean());

        assertThat(states).containsEntry(c.address(), Executor.State.FAILED)
                .containsEntry(e.address(), Executor.State.SKIPPED)
                .containsEntry(f.address(), Executor.State.DONE);
        assertThat(events).anyMatch(ev -> ev instanceof ApplyEvent.Skipped s && s.change().address().equals(e.address()));
    }

    @Test void throttling_that_reaches_the_executor_is_not_retried_again() {
        // The client retried it already (aws.RetryPolicy): one more layer here would multiply the attempts.
        fast.throttleFirst = 1;
        Desired c = d("fast", "c", FakeType.props("v", 1));
        Map<Address, Executor.State> states = run(plan(List.of(c)), new AtomicBoolean());
        assertThat(states).containsEntry(c.address(), Executor.State.FAILED);
        assertThat(events.stream().filter(ev -> ev instanceof ApplyEvent.Retrying)).isEmpty();
        assertThat(fast.store).doesNotContainKey("c");
    }

    @Test void deletes_run_after_creates_and_wait_only_for_the_deletes_of_what_refers_to_them() {
        Desired base = d("slow", "base", FakeType.props("x", 1));
        run(plan(List.of(base, d("fast", "user", FakeType.props("a", Ref.to(base.address(), "id"))), d("fast", "free", FakeType.props("x", 1)))),
                new AtomicBoolean());
        events.clear();
        Plan p = plan(List.of(d("fast", "new", FakeType.props("x", 3))));
        assertThat(p.mutating()).extracting(Change::action).containsExactlyInAnyOrder(dev.gantry.plan.Action.CREATE,
                dev.gantry.plan.Action.DELETE, dev.gantry.plan.Action.DELETE, dev.gantry.plan.Action.DELETE);
        run(p, new AtomicBoolean());
        List<String> order = new ArrayList<>();
        events.forEach(ev -> {
            if (ev instanceof ApplyEvent.Started s) order.add("start " + s.change().address());
            if (ev instanceof ApplyEvent.Done dn) order.add("done " + dn.change().address());
        });
        assertThat(order.get(0)).isEqualTo("start fast.new");
        assertThat(order.indexOf("start slow.base")).isGreaterThan(order.indexOf("done fast.user"));
        assertThat(order.indexOf("start fast.free")).isGreaterThan(order.indexOf("done fast.new"));
    }

    @Test void a_stuck_delete_holds_back_only_what_waits_on_it() {
        Desired base = d("slow", "base", FakeType.props("x", 1));
        run(plan(List.of(base, d("fast", "user", FakeType.props("a", Ref.to(base.address(), "id"))), d("slow", "free", FakeType.props("x", 1)))),
                new AtomicBoolean());
        events.clear();
        fast.failOnDelete = name -> name.equals("user") ? new dev.gantry.aws.AwsFailure(dev.gantry.aws.AwsFailure.Kind.OTHER, "stuck", "wait") : null;
        Map<Address, Executor.State> states = run(Planner.destroy("demo", current(), Set.of(), RULES), new AtomicBoolean());
        assertThat(states.get(Address.of("fast", "user"))).isEqualTo(Executor.State.FAILED);
        assertThat(states.get(Address.of("slow", "base"))).isEqualTo(Executor.State.SKIPPED);
        assertThat(states.get(Address.of("slow", "free"))).isEqualTo(Executor.State.DONE);
        assertThat(events).filteredOn(ev -> ev instanceof ApplyEvent.Skipped).singleElement()
                .satisfies(ev -> assertThat(((ApplyEvent.Skipped) ev).because()).isEqualTo("depends on fast.user, which failed"));
    }

    @Test void a_swap_creates_the_new_one_switches_its_users_then_deletes_the_old_one() {
        slow.swap = true;
        Desired cert = d("slow", "cert", FakeType.props("immutable", 1));
        Desired user = d("fast", "listener", FakeType.props("cert", Ref.to(cert.address(), "id")));
        run(plan(List.of(cert, user)), new AtomicBoolean());
        slow.calls.clear();
        fast.calls.clear();
        Plan p = plan(List.of(d("slow", "cert", FakeType.props("immutable", 2)), user));
        assertThat(p.mutating()).extracting(Change::action).containsExactly(dev.gantry.plan.Action.REPLACE, dev.gantry.plan.Action.UPDATE);
        Map<Address, Executor.State> states = run(p, new AtomicBoolean());
        assertThat(states).containsValues(Executor.State.DONE).doesNotContainValue(Executor.State.FAILED);
        assertThat(slow.calls).containsExactly("create slow.cert {immutable=2}", "delete slow.cert id-cert-1");
        assertThat(fast.calls).containsExactly("update fast.listener {cert=id-cert-2}");
        assertThat(slow.startedAt.get("cert")).isNotNull();
        assertThat(plan(List.of(d("slow", "cert", FakeType.props("immutable", 2)), user)).hasChanges()).isFalse();
    }

    @Test void a_swap_keeps_the_old_one_when_a_user_fails_to_switch() {
        slow.swap = true;
        Desired cert = d("slow", "cert", FakeType.props("immutable", 1));
        run(plan(List.of(cert, d("fast", "listener", FakeType.props("cert", Ref.to(cert.address(), "id"), "x", 1)))), new AtomicBoolean());
        slow.calls.clear();
        fast.failOnCreate = name -> null;
        Desired broken = d("fast", "other", FakeType.props("x", 1));
        fast.failOnCreate = name -> name.equals("other") ? new dev.gantry.aws.AwsFailure(dev.gantry.aws.AwsFailure.Kind.OTHER, "no", "fix") : null;
        Map<Address, Executor.State> states = run(plan(List.of(d("slow", "cert", FakeType.props("immutable", 2)),
                d("fast", "listener", FakeType.props("cert", Ref.to(cert.address(), "id"), "x", 1)), broken)), new AtomicBoolean());
        assertThat(states.get(Address.of("slow", "cert"))).isEqualTo(Executor.State.FAILED);
        assertThat(slow.calls).containsExactly("create slow.cert {immutable=2}");
    }

    @Test void an_update_holds_back_a_part_until_the_rest_has_finished_while_its_users_go_on() {
        Desired sg = d("fast", "sg", FakeType.props("port", 80));
        Desired svc = d("slow", "svc", FakeType.props("sg", Ref.to(sg.address(), "id"), "port", 80));
        run(plan(List.of(sg, svc)), new AtomicBoolean());
        fast.calls.clear();
        slow.calls.clear();
        events.clear();
        fast.holdBack.put("sg", "close port 80");
        slow.updateTakes = Duration.ofSeconds(100);
        Instant t0 = time.now();
        Map<Address, Executor.State> states = run(plan(List.of(d("fast", "sg", FakeType.props("port", 8080)),
                d("slow", "svc", FakeType.props("sg", Ref.to(sg.address(), "id"), "port", 8080)))), new AtomicBoolean());

        assertThat(states.values()).containsOnly(Executor.State.DONE);
        assertThat(fast.calls).containsExactly("update fast.sg {port=8080}", "close port 80 fast.sg");
        List<String> order = new ArrayList<>();
        Map<String, Instant> at = new HashMap<>();
        events.forEach(ev -> {
            if (ev instanceof ApplyEvent.Started s) order.add("start " + s.change().address());
            if (ev instanceof ApplyEvent.Done dn) order.add("done " + dn.change().address());
            if (ev instanceof ApplyEvent.Waiting w) order.add("waiting " + w.change().address() + ": " + w.waitingFor());
        });
        // The service starts as soon as the new rule is in, not after the held-back part; that part goes last.
        assertThat(order).containsSubsequence("start fast.sg", "waiting fast.sg: the other changes to finish, then it will close port 80",
                "start slow.svc", "done slow.svc", "done fast.sg");
        assertThat(Duration.between(t0, time.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(100));
        assertThat(plan(List.of(d("fast", "sg", FakeType.props("port", 8080)),
                d("slow", "svc", FakeType.props("sg", Ref.to(sg.address(), "id"), "port", 8080)))).hasChanges()).isFalse();
    }

    @Test void a_held_back_part_is_left_for_the_next_apply_when_what_it_waited_for_fails() {
        Desired sg = d("fast", "sg", FakeType.props("port", 80));
        Desired svc = d("slow", "svc", FakeType.props("sg", Ref.to(sg.address(), "id"), "port", 80));
        run(plan(List.of(sg, svc)), new AtomicBoolean());
        fast.calls.clear();
        events.clear();
        fast.holdBack.put("sg", "close port 80");
        slow.failOnUpdate = name -> new dev.gantry.aws.AwsFailure(dev.gantry.aws.AwsFailure.Kind.OTHER, "rollout failed", "fix the image");
        Map<Address, Executor.State> states = run(plan(List.of(d("fast", "sg", FakeType.props("port", 8080)),
                d("slow", "svc", FakeType.props("sg", Ref.to(sg.address(), "id"), "port", 8080)))), new AtomicBoolean());

        assertThat(states).containsEntry(Address.of("slow", "svc"), Executor.State.FAILED)
                .containsEntry(Address.of("fast", "sg"), Executor.State.FAILED);
        assertThat(fast.calls).containsExactly("update fast.sg {port=8080}");
        assertThat(events).filteredOn(ev -> ev instanceof ApplyEvent.Failed f && f.change().address().equals(Address.of("fast", "sg")))
                .singleElement().satisfies(ev -> assertThat(((ApplyEvent.Failed) ev).message())
                        .isEqualTo("changed, but did not close port 80 because slow.svc did not finish"));
    }

    private Map<Address, Observed> current() {
        Map<Address, Observed> current = new HashMap<>();
        slow.store.values().forEach(o -> current.put(o.address(), o));
        fast.store.values().forEach(o -> current.put(o.address(), o));
        return current;
    }

    @Test void cancelled_run_starts_nothing_new() {
        Desired a = d("slow", "a", FakeType.props("x", 1));
        Desired c = d("fast", "c", FakeType.props("a", Ref.to(a.address(), "id")));
        AtomicBoolean cancel = new AtomicBoolean();
        time.schedule(Duration.ofSeconds(10), () -> cancel.set(true));
        Map<Address, Executor.State> states = run(plan(List.of(a, c)), cancel);
        assertThat(states.get(c.address())).isEqualTo(Executor.State.SKIPPED);
        assertThat(slow.store).containsKey("a"); // the started create finished its call and is found next time
        assertThat(fast.store).doesNotContainKey("c");
    }

    @Test void unchanged_desired_state_plans_nothing() {
        Desired a = d("fast", "a", FakeType.props("x", 1, "list", List.of("p", "q")));
        run(plan(List.of(a)), new AtomicBoolean());
        Plan again = plan(List.of(a));
        assertThat(again.hasChanges()).isFalse();
        Plan changed = plan(List.of(d("fast", "a", FakeType.props("x", 2, "list", List.of("p", "q")))));
        assertThat(changed.mutating()).singleElement().satisfies(ch -> {
            assertThat(ch.action()).isEqualTo(dev.gantry.plan.Action.UPDATE);
            assertThat(ch.fields()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("x"));
        });
        Plan replaced = plan(List.of(d("fast", "a", FakeType.props("x", 1, "list", List.of("p", "q"), "immutable", "z"))));
        assertThat(replaced.mutating()).singleElement().extracting(Change::action).isEqualTo(dev.gantry.plan.Action.REPLACE);
    }
}
