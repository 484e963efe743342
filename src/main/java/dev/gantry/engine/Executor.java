package dev.gantry.engine;

import dev.gantry.aws.AwsErrors;
import dev.gantry.aws.AwsFailure;
import dev.gantry.diagnose.RolloutFailure;
import dev.gantry.plan.Action;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Planner;
import dev.gantry.plan.Ref;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import dev.gantry.time.Scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Walks a plan as a dependency graph: a change starts as soon as everything it depends on is done,
 * so AWS's long waits (NAT, load balancer, certificate) overlap. An AWS error that reaches it has
 * already been retried by the client ({@code aws.RetryPolicy}); dependents of a failure are
 * skipped; a cancelled run starts nothing new.
 */
public final class Executor {
    /** How one node ended. */
    public enum State { PENDING, RUNNING, DONE, FAILED, SKIPPED }

    private final Catalog catalog;
    private final ResourceContext ctx;
    private final Scheduler scheduler;
    private final ApplyListener listener;
    private final Instant started;
    private final AtomicBoolean cancelled;

    private final Map<Address, Node> nodes = new LinkedHashMap<>();
    private final Map<Address, Observed> outputs;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final List<String> failures = new ArrayList<>();
    private RolloutFailure rolloutFailure;
    private AwsFailure.Kind worstFailure;
    private int remaining;

    private final class Node {
        final Change change;
        final Set<Node> waitsFor = new HashSet<>();
        final Set<Node> dependents = new HashSet<>();
        State state = State.PENDING;
        Instant startedAt;
        Instant endedAt;
        String waitingFor;
        /** What it waited for, stretch by stretch, for the critical path. */
        final List<CriticalPath.Segment> waits = new ArrayList<>();
        String openWait;
        Instant openSince;
        /** A create-before-destroy replacement: the new one is made first, the old one deleted last. */
        boolean swap;
        /** The new one of a swap exists, or an update is done but for its held-back part; what remains is {@link #retirement}. */
        boolean created;
        /** What runs last: deleting a swap's old one, or an update's held-back part ({@link StepResult.DoneThen}). */
        Step retirement;
        /** An update's held-back part, in words ("close port 80"); null for a swap. */
        String heldBack;
        /** Other creates and updates that must have switched over before a swap deletes the old one. */
        final Set<Node> switchFirst = new HashSet<>();

        Node(Change change) { this.change = change; }

        boolean deletes() { return change.action() == Action.DELETE || created; }
    }

    public Executor(Catalog catalog, ResourceContext ctx, Scheduler scheduler, ApplyListener listener,
                    Instant started, Map<Address, Observed> current, AtomicBoolean cancelled) {
        this.catalog = catalog;
        this.ctx = ctx;
        this.scheduler = scheduler;
        this.listener = listener;
        this.started = started;
        this.outputs = new HashMap<>(current);
        this.cancelled = cancelled;
    }

    /** Runs every mutating change of the plan; returns the nodes' final states. */
    public Map<Address, State> run(Plan plan) {
        for (Change c : plan.mutating()) nodes.put(c.address(), new Node(c));
        wire();
        remaining = nodes.size();
        if (remaining == 0) return Map.of();
        List<Node> ready;
        synchronized (this) {
            ready = nodes.values().stream().filter(n -> n.waitsFor.isEmpty()).toList();
        }
        ready.forEach(this::start);
        scheduler.await(finished);
        Map<Address, State> states = new LinkedHashMap<>();
        nodes.forEach((a, n) -> states.put(a, n.state));
        return states;
    }

    public Map<Address, Observed> outputs() { synchronized (this) { return Map.copyOf(outputs); } }
    public List<String> failures() { synchronized (this) { return List.copyOf(failures); } }
    public RolloutFailure rolloutFailure() { return rolloutFailure; }

    /** Each change that ran: when, what it needed, and what it waited for. */
    List<CriticalPath.Span> spans() {
        synchronized (this) {
            List<CriticalPath.Span> out = new ArrayList<>();
            for (Node n : nodes.values()) {
                if (n.startedAt == null || n.endedAt == null) continue;
                Set<Address> needs = new HashSet<>();
                for (Address a : n.change.dependsOn()) if (nodes.containsKey(a)) needs.add(a);
                out.add(new CriticalPath.Span(n.change.address(), needs, n.startedAt, n.endedAt, List.copyOf(n.waits)));
            }
            return out;
        }
    }

    /** Called with the lock held: the stretch of waiting that was open ends now. */
    private void closeWait(Node n) {
        if (n.openWait != null) n.waits.add(new CriticalPath.Segment(n.openWait, n.openSince, scheduler.now()));
        n.openWait = null;
    }
    public AwsFailure.Kind worstFailure() { return worstFailure; }

    /**
     * Creates and updates follow the desired graph. Deletes go after every create and update, so
     * references are moved away before the old target goes; among themselves a delete waits only
     * for the deletes of what refers to it (the change's {@code dependsOn}), so one stuck delete
     * holds back exactly what needs it gone. A swap's old one is retired once every other create
     * and update has switched over.
     */
    private void wire() {
        List<Node> deletes = nodes.values().stream().filter(n -> n.change.action() == Action.DELETE).toList();
        List<Node> others = nodes.values().stream().filter(n -> n.change.action() != Action.DELETE).toList();
        for (Node n : others) {
            n.swap = n.change.action() == Action.REPLACE && !n.change.desired().guarded()
                    && catalog.type(n.change.address().type()).createBeforeDestroy(Planner.replacing(n.change));
            for (Address dep : n.change.dependsOn()) {
                Node d = nodes.get(dep);
                if (d != null && d.change.action() != Action.DELETE) link(n, d);
            }
        }
        for (Node n : others) {
            if (n.swap) for (Node o : others) if (o != n) n.switchFirst.add(o);
        }
        for (Node del : deletes) {
            for (Node o : others) link(del, o);
            for (Node other : deletes) {
                if (other != del && other.change.dependsOn().contains(del.change.address())) link(del, other);
            }
        }
    }

    private void link(Node node, Node dependency) {
        node.waitsFor.add(dependency);
        dependency.dependents.add(node);
    }

    private Duration at() { return Duration.between(started, scheduler.now()); }

    private void start(Node n) {
        synchronized (this) {
            if (n.state != State.PENDING) return;
            if (cancelled.get()) {
                finish(n, State.SKIPPED, "not started: interrupted");
                List<Node> also = new ArrayList<>();
                collectDependents(n, also);
                also.forEach(d -> listener.on(new ApplyEvent.Skipped(at(), d.change, "not started: interrupted")));
            } else {
                n.state = State.RUNNING;
                n.startedAt = scheduler.now();
            }
        }
        if (n.state != State.RUNNING) {
            failStranded();
            return;
        }
        listener.on(new ApplyEvent.Started(at(), n.change));
        scheduler.schedule(Duration.ZERO, () -> runStep(n, firstStep(n)));
    }

    private Step firstStep(Node n) {
        ResourceType type = catalog.type(n.change.address().type());
        Change c = n.change;
        return () -> {
            switch (c.action()) {
                case CREATE: return type.create(ctx, c.desired(), resolve(c.desired())).run();
                case UPDATE: return type.update(ctx, c.observed(), c.desired(), resolve(c.desired())).run();
                case DELETE: return type.deleteWhenFree(ctx, c.observed()).run();
                case REPLACE: {
                    if (n.swap) return type.create(ctx, c.desired(), resolve(c.desired())).run();
                    Step create = () -> type.create(ctx, c.desired(), resolve(c.desired())).run();
                    return chain(type.delete(ctx, c.observed()), create).run();
                }
                default: throw new IllegalStateException("nothing to do for " + c.action());
            }
        };
    }

    /** Runs {@code first} to completion, then {@code second}. */
    private static Step chain(Step first, Step second) {
        return () -> {
            StepResult r = first.run();
            if (r instanceof StepResult.Wait w) return StepResult.waitThen(w.after(), w.waitingFor(), chain(w.next(), second));
            return second.run();
        };
    }

    private void runStep(Node n, Step step) {
        StepResult result;
        try {
            result = step.run();
        } catch (Exception e) {
            handleError(n, e);
            return;
        }
        if (result instanceof StepResult.Wait w) {
            boolean announce;
            synchronized (this) {
                announce = !w.waitingFor().equals(n.waitingFor);
                n.waitingFor = w.waitingFor();
                if (!w.waitingFor().equals(n.openWait)) {
                    closeWait(n);
                    n.openWait = w.waitingFor();
                    n.openSince = scheduler.now();
                }
            }
            if (announce) listener.on(new ApplyEvent.Waiting(at(), n.change, w.waitingFor()));
            if (cancelled.get() && !n.deletes()) {
                // The call that started this has finished; the resource exists and is tagged, so the
                // next apply picks up the wait where this one stopped.
                fail(n, "interrupted while waiting for " + w.waitingFor() + "; the next apply continues from here", null, null);
                return;
            }
            scheduler.schedule(w.after(), () -> runStep(n, w.next()));
            return;
        }
        if (result instanceof StepResult.Usable u) {
            // Its dependents may use it now; the node itself runs on until the resource is ready.
            List<Node> next = new ArrayList<>();
            synchronized (this) {
                outputs.put(n.change.address(), u.result());
                release(n, false, next);
            }
            next.forEach(this::start);
            runStep(n, u.rest());
            return;
        }
        if (result instanceof StepResult.DoneThen t && !n.created) {
            heldBack(n, t);
            return;
        }
        Observed done = result instanceof StepResult.DoneThen t ? t.result() : ((StepResult.Done) result).result();
        if (n.swap && !n.created) {
            switched(n, done);
            return;
        }
        synchronized (this) {
            // A retired old one leaves the new one's outputs in place.
            if (!n.created || !n.swap) {
                if (done != null) outputs.put(n.change.address(), done);
                else outputs.remove(n.change.address());
            }
        }
        listener.on(new ApplyEvent.Done(at(), n.change, Duration.between(n.startedAt, scheduler.now())));
        List<Node> next = new ArrayList<>();
        List<Node> retire = new ArrayList<>();
        synchronized (this) {
            finish(n, State.DONE, null);
            release(n, true, next);
            if (!n.deletes()) switchedOver(n, retire);
        }
        next.forEach(this::start);
        retire.forEach(this::retire);
    }

    /** A swap's new one exists: what uses it may start now; the old one goes once they have switched. */
    private void switched(Node n, Observed created) {
        lastPartWaits(n, created, "everything that uses it to switch to the new one", () -> {});
    }

    /**
     * An update is in place except for a part that must wait until every other create and update
     * still to finish has done so; what depends on it may start now.
     */
    private void heldBack(Node n, StepResult.DoneThen t) {
        lastPartWaits(n, t.result(), "the other changes to finish, then it will " + t.what(), () -> {
            n.retirement = t.then();
            n.heldBack = t.what();
            for (Node o : nodes.values()) {
                boolean switchedAlready = o.state == State.DONE || (o.created && o.state == State.RUNNING);
                if (o != n && o.change.action() != Action.DELETE && !switchedAlready) n.switchFirst.add(o);
            }
        });
    }

    /**
     * What swaps and held-back updates share: the node's result is out and its dependents may
     * start; its last part ({@link #retire}) runs once what it waits for has switched over.
     * {@code prepare} runs with the lock held, before anything is released.
     */
    private void lastPartWaits(Node n, Observed result, String waitingFor, Runnable prepare) {
        List<Node> next = new ArrayList<>();
        List<Node> retire = new ArrayList<>();
        synchronized (this) {
            outputs.put(n.change.address(), result);
            n.created = true;
            prepare.run();
            release(n, false, next);
            switchedOver(n, retire);
            if (n.switchFirst.isEmpty()) retire.add(n);
        }
        if (blockedBy(n) != null) {
            failStranded();
        } else if (!retire.contains(n)) {
            synchronized (this) { n.waitingFor = waitingFor; }
            listener.on(new ApplyEvent.Waiting(at(), n.change, n.waitingFor));
        }
        next.forEach(this::start);
        retire.forEach(this::retire);
    }

    /** Called with the lock held: {@code n} no longer holds back the nodes waiting for it (all, or only creates and updates). */
    private void release(Node n, boolean all, List<Node> next) {
        for (Node d : n.dependents) {
            if (!all && d.deletes()) continue;
            d.waitsFor.remove(n);
            if (d.waitsFor.isEmpty() && d.state == State.PENDING) next.add(d);
        }
    }

    /** Called with the lock held: {@code n} has switched over; swaps waiting only for that may retire their old one. */
    private void switchedOver(Node n, List<Node> retire) {
        for (Node s : nodes.values()) {
            if (s.switchFirst.remove(n) && s.switchFirst.isEmpty() && s.created && s.state == State.RUNNING) retire.add(s);
        }
    }

    /** Deletes a swap's old one, or runs an update's held-back part. */
    private void retire(Node n) {
        if (cancelled.get()) {
            fail(n, n.heldBack == null ? "interrupted before deleting the old one; the next apply deletes it"
                    : "interrupted before it could " + n.heldBack + "; the next apply does it", null, null);
            return;
        }
        ResourceType type = catalog.type(n.change.address().type());
        Step last = n.retirement != null ? n.retirement : () -> type.deleteWhenFree(ctx, n.change.observed()).run();
        scheduler.schedule(Duration.ZERO, () -> runStep(n, last));
    }

    private void handleError(Node n, Exception e) {
        if (e instanceof RolloutFailure rf) {
            rolloutFailure = rf;
            listener.on(new ApplyEvent.RolloutFailed(at(), rf.diagnosis()));
            fail(n, rf.diagnosis().summary(), String.join("; ", rf.diagnosis().fixes()), AwsFailure.Kind.OTHER);
            return;
        }
        // Throttling and 5xx were already retried by the client (aws.RetryPolicy), and a delete has
        // waited out "still in use" itself (ResourceType.deleteWhenFree): not again here.
        AwsFailure f = AwsErrors.translate(doing(n), e);
        fail(n, f.getMessage(), f.fix(), f.kind());
    }

    private String doing(Node n) {
        String verb = switch (n.change.action()) {
            case CREATE -> "creating";
            case UPDATE -> "updating";
            case REPLACE -> "replacing";
            case DELETE -> "deleting";
            default -> "reading";
        };
        return verb + " " + n.change.address();
    }

    private void fail(Node n, String message, String fix, AwsFailure.Kind kind) {
        listener.on(new ApplyEvent.Failed(at(), n.change, message, fix));
        List<Node> skipped = new ArrayList<>();
        synchronized (this) {
            failures.add(n.change.address() + ": " + message);
            if (kind == AwsFailure.Kind.PERMISSION || worstFailure == null) worstFailure = kind;
            finish(n, State.FAILED, null);
            collectDependents(n, skipped);
        }
        for (Node s : skipped) {
            listener.on(new ApplyEvent.Skipped(at(), s.change, "depends on " + n.change.address() + ", which failed"));
        }
        failStranded();
    }

    /**
     * A swap whose old one cannot go because something that had to switch first failed or was
     * skipped: the new one exists, the old one stays, and the next apply deletes it. The same for
     * an update's held-back part: it is left for the next apply.
     */
    private void failStranded() {
        List<Node> stranded = new ArrayList<>();
        synchronized (this) {
            for (Node s : nodes.values()) if (s.created && s.state == State.RUNNING && blockedBy(s) != null) stranded.add(s);
        }
        for (Node s : stranded) {
            Node why = blockedBy(s);
            if (s.heldBack != null) {
                fail(s, "changed, but did not " + s.heldBack + " because " + why.change.address() + " did not finish",
                        "fix what stopped " + why.change.address() + " and run apply again; it does that then", AwsFailure.Kind.OTHER);
            } else {
                fail(s, "the new one is in place, but the old one was kept because " + why.change.address() + " did not switch to it",
                        "fix what stopped " + why.change.address() + " and run apply again; it deletes the old one", AwsFailure.Kind.OTHER);
            }
        }
    }

    private Node blockedBy(Node swap) {
        synchronized (this) {
            return swap.switchFirst.stream().filter(o -> o.state == State.FAILED || o.state == State.SKIPPED).findFirst().orElse(null);
        }
    }

    private void collectDependents(Node n, List<Node> out) {
        for (Node d : n.dependents) {
            if (d.state == State.PENDING) {
                finish(d, State.SKIPPED, null);
                out.add(d);
                collectDependents(d, out);
            }
        }
    }

    /** Called with the lock held. */
    private void finish(Node n, State state, String skipReason) {
        n.state = state;
        closeWait(n);
        n.endedAt = scheduler.now();
        if (skipReason != null) listener.on(new ApplyEvent.Skipped(at(), n.change, skipReason));
        if (--remaining == 0) finished.complete(null);
    }

    /** The desired props with every Ref replaced by the referenced resource's current output. */
    private Map<String, Object> resolve(Desired d) {
        Map<String, Object> out = new LinkedHashMap<>();
        synchronized (this) {
            d.props().forEach((k, v) -> out.put(k, resolveValue(v)));
        }
        return out;
    }

    private Object resolveValue(Object v) {
        if (v instanceof Ref r) {
            Observed o = outputs.get(r.address());
            String value = o == null ? null : o.outputs().get(r.attribute());
            if (value == null) throw new IllegalStateException(r + " is not known; " + r.address() + " has no output " + r.attribute());
            return value;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, resolveValue(x)));
            return out;
        }
        if (v instanceof List<?> l) return l.stream().map(this::resolveValue).toList();
        return v;
    }
}
