package dev.gantry.bench;

import dev.gantry.aws.sim.SimLatency;
import dev.gantry.aws.sim.SimState;
import dev.gantry.aws.sim.SimWorld;
import dev.gantry.cli.SimAccount;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineOptions;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.time.VirtualScheduler;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prints how close an apply comes to the floor AWS itself sets: the longest chain of AWS's own
 * waits (NAT, load balancer, certificate validation, service steady state) through the dependency
 * graph. Runs on virtual time, so the figures are exact and repeatable. Not a test: it prints.
 */
public final class ApplyBenchmark {
    public static void main(String[] args) throws Exception {
        String template = args.length > 0 ? args[0] : "templates/web-https.yaml";
        Spec spec = SpecLoader.load(Path.of(template));
        SimLatency latency = SimLatency.realistic();

        VirtualScheduler time = new VirtualScheduler();
        SimWorld world = new SimWorld(new SimState(), time, latency);
        world.state.region = spec.region();
        SimAccount.prepare(world, spec);
        AtomicReference<Plan> planned = new AtomicReference<>();
        Engine first = new Engine(Catalog.standard(), world.clients(), time,
                name -> Optional.of("benchmark-secret".toCharArray()),
                e -> { if (e instanceof ApplyEvent.Planned p && planned.get() == null) planned.set(p.plan()); });

        ApplyResult r = first.apply(spec, EngineOptions.yes("bench"));
        if (!r.ok()) throw new IllegalStateException("apply failed: " + r.failures());
        long firstMutating = world.mutatingCalls(), firstReads = world.readCalls();
        Duration makespan = r.elapsed();
        Duration critical = criticalPath(planned.get(), latency);

        world.resetCounters();
        Engine second = new Engine(Catalog.standard(), world.clients(), time, name -> Optional.empty(), e -> {});
        ApplyResult again = second.apply(spec, EngineOptions.yes("bench"));
        long noopMutating = world.mutatingCalls(), noopReads = world.readCalls();

        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) peakHeap += pool.getPeakUsage().getUsed();
        }

        System.out.printf("gantry apply benchmark · %s · simulated AWS, realistic latency, virtual time%n", template);
        System.out.printf("  resources planned                 %d%n", planned.get().mutating().size());
        System.out.printf("  apply makespan                    %.1f s%n", makespan.toMillis() / 1000.0);
        System.out.printf("  critical path of AWS's own waits  %.1f s%n", critical.toMillis() / 1000.0);
        System.out.printf("  makespan / critical path          %.3f   (goal <= 1.05)%n", (double) makespan.toMillis() / critical.toMillis());
        System.out.printf("  first apply: mutating calls       %d%n", firstMutating);
        System.out.printf("  first apply: read calls           %d%n", firstReads);
        System.out.printf("  no-op re-apply: outcome           %s%n", again.outcome());
        System.out.printf("  no-op re-apply: mutating calls    %d   (goal 0)%n", noopMutating);
        System.out.printf("  no-op re-apply: read calls        %d   (goal <= 30)%n", noopReads);
        System.out.printf("  peak heap                         %.1f MiB%n", peakHeap / 1048576.0);
    }

    /** The unavoidable wait each kind of resource imposes, from the simulated latency model. */
    static Duration weight(String type, SimLatency l) {
        return switch (type) {
            case "nat-gateway" -> l.natGateway();
            case "load-balancer" -> l.loadBalancer();
            case "certificate" -> l.certificateValidation();
            case "service" -> l.serviceSteady();
            default -> Duration.ZERO;
        };
    }

    static Duration criticalPath(Plan plan, SimLatency latency) {
        Map<Address, Change> byAddress = new HashMap<>();
        for (Change c : plan.mutating()) byAddress.put(c.address(), c);
        Map<Address, Duration> memo = new HashMap<>();
        Duration longest = Duration.ZERO;
        for (Change c : plan.mutating()) {
            Duration d = finish(c, byAddress, memo, latency);
            if (d.compareTo(longest) > 0) longest = d;
        }
        return longest;
    }

    private static Duration finish(Change c, Map<Address, Change> all, Map<Address, Duration> memo, SimLatency l) {
        Duration known = memo.get(c.address());
        if (known != null) return known;
        Duration start = Duration.ZERO;
        for (Address dep : c.dependsOn()) {
            Change d = all.get(dep);
            if (d == null) continue;
            Duration f = finish(d, all, memo, l);
            if (f.compareTo(start) > 0) start = f;
        }
        Duration end = start.plus(weight(c.address().type(), l));
        memo.put(c.address(), end);
        return end;
    }

    private ApplyBenchmark() {}

}
