package dev.gantry.resources.network;

import dev.gantry.aws.AwsErrors;
import dev.gantry.aws.sim.SimLatency;
import dev.gantry.aws.sim.SimState;
import dev.gantry.aws.sim.SimWorld;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Ref;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.resources.ProgressSink;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.SecretValues;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import dev.gantry.spec.LoadBalancer;
import dev.gantry.spec.Network;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;
import dev.gantry.testing.Drive;
import dev.gantry.time.VirtualScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stand-in for the engine, for the network handlers only: expands a spec, applies it in
 * dependency order on a simulated account in virtual time, and resolves refs the way the engine does.
 */
final class NetworkHarness {
    final VirtualScheduler clock = new VirtualScheduler();
    final SimWorld world = new SimWorld(new SimState(), clock, SimLatency.realistic());
    final Catalog catalog = new Catalog(NetworkResources.types());
    Spec spec;
    ResourceContext ctx;
    final Map<Address, Observed> applied = new TreeMap<>();

    NetworkHarness(Spec spec) { use(spec); }

    void use(Spec s) {
        spec = s;
        ctx = new ResourceContext(world.clients(), s, world.accountId(), clock, SecretValues.none(), ProgressSink.NONE);
    }

    static Spec spec(Network network, LoadBalancer lb) {
        return new Spec(1, "hello", "us-east-1", Map.of("team", "web"), network, null,
                Task.of("public.ecr.aws/nginx/nginx:1.27", 8080), null, lb, null, null);
    }

    List<Desired> desired() {
        List<Desired> out = new ArrayList<>();
        NetworkResources.expand(spec, out);
        return out;
    }

    ResourceType type(Address a) { return catalog.type(a.type()); }

    /** Creates (or looks up) everything in dependency order. */
    Map<Address, Observed> applyAll() {
        List<Desired> todo = new ArrayList<>(desired());
        todo.sort(Comparator.comparing(Desired::address));
        while (!todo.isEmpty()) {
            Desired next = todo.stream().filter(d -> applied.keySet().containsAll(d.dependsOn())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("cycle or missing dependency in " + todo));
            todo.remove(next);
            applied.put(next.address(), apply(next));
        }
        return applied;
    }

    /** When set, steps run as the engine runs them under throttling: a retryable error re-runs the step that threw. */
    boolean retrying;

    Observed apply(Desired d) {
        ResourceType t = type(d.address());
        if (d.data()) return retrying ? retry(() -> t.lookup(ctx, d).orElseThrow()) : t.lookup(ctx, d).orElseThrow();
        Step create = () -> t.create(ctx, d, resolve(d.props())).run();
        return run(create);
    }

    Observed run(Step step) {
        if (!retrying) return Drive.run(step, clock);
        Step current = step;
        int failures = 0;
        while (true) {
            StepResult r;
            try {
                r = current.run();
            } catch (Exception e) {
                if (!AwsErrors.retryable(e) || ++failures > 100) throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
                clock.advance(Duration.ofSeconds(1));
                continue;
            }
            if (r instanceof StepResult.Done done) return done.result();
            if (r instanceof StepResult.DoneThen t) {
                current = t.then();
                continue;
            }
            StepResult.Wait w = (StepResult.Wait) r;
            clock.advance(w.after());
            current = w.next();
        }
    }

    private <T> T retry(java.util.function.Supplier<T> call) {
        for (int i = 0; ; i++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (!AwsErrors.retryable(e) || i > 100) throw e;
            }
        }
    }

    /** Every managed resource the app has in AWS now, by address. */
    Map<Address, Observed> refresh() {
        Map<Address, Observed> out = new TreeMap<>();
        for (ResourceType t : catalog.types()) retry(() -> t.refresh(ctx)).forEach(o -> out.put(o.address(), o));
        return out;
    }

    /**
     * Deletes every managed resource, highest tier first, as destroy does; like the engine, a
     * delete that meets DependencyViolation (a group still referenced by one in the same tier) is tried again later.
     */
    void destroyAll() {
        java.util.ArrayDeque<Observed> todo = new java.util.ArrayDeque<>(refresh().values().stream()
                .sorted(Comparator.comparing((Observed o) -> -type(o.address()).tier())).toList());
        int attempts = 0;
        while (!todo.isEmpty()) {
            Observed o = todo.poll();
            try {
                run(type(o.address()).delete(ctx, o));
            } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                if (!"DependencyViolation".equals(e.awsErrorDetails().errorCode()) || ++attempts > 20) throw e;
                todo.add(o);
            }
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resolve(Map<String, Object> props) {
        return (Map<String, Object>) resolveValue(props);
    }

    private Object resolveValue(Object v) {
        if (v instanceof Ref r) {
            Observed o = applied.get(r.address());
            if (o == null) throw new IllegalStateException("unresolved " + r);
            return o.output(r.attribute());
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = m instanceof TreeMap ? new TreeMap<>() : new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), resolveValue(x)));
            return out;
        }
        if (v instanceof List<?> l) return l.stream().map(this::resolveValue).toList();
        return v;
    }
}
