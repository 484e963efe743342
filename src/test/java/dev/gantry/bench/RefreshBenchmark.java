package dev.gantry.bench;

import dev.gantry.aws.sim.SimLatency;
import dev.gantry.aws.sim.SimState;
import dev.gantry.aws.sim.SimWorld;
import dev.gantry.cli.wiring.Session;
import dev.gantry.cli.wiring.SimAccount;
import dev.gantry.engine.ApplyListener;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineOptions;
import dev.gantry.plan.Plan;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.time.RealScheduler;
import dev.gantry.time.VirtualScheduler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a no-op plan's refresh takes when every AWS call is a network round trip: the
 * simulated AWS with {@link SimLatency#apiCall()} spent in real time per call, the engine on a real
 * thread pool. Compares gantry's pool with one thread (every read in turn) and with a pool so large
 * nothing ever waits for a thread, whose slowest read (a type's chain of calls) is the floor.
 * Not a test: it prints. Output lines are "key value" for bench/run.
 */
public final class RefreshBenchmark {
    public static void main(String[] args) throws Exception {
        String template = args.length > 0 ? args[0] : "templates/web-https.yaml";
        Spec spec = SpecLoader.load(Path.of(template));
        SimLatency latency = SimLatency.realistic();
        VirtualScheduler time = new VirtualScheduler();
        SimWorld world = new SimWorld(new SimState(), time, latency);
        world.state.region = spec.region();
        SimAccount.prepare(world, spec);
        ApplyResult r = new Engine(Catalog.standard(), world.clients(), time,
                name -> Optional.of("benchmark-secret".toCharArray()), ApplyListener.NONE).apply(spec, dev.gantry.engine.TestOptions.yes("bench"));
        if (!r.ok()) throw new IllegalStateException("apply failed: " + r.failures());

        world.callsTake(latency.apiCall());
        plan(world, spec, Session.WORKERS); // warm-up: classes loaded, code compiled
        Run one = plan(world, spec, 1);
        Run pool = plan(world, spec, Session.WORKERS);
        Run wide = plan(world, spec, 64);
        System.out.printf("api_call_ms %d%n", latency.apiCall().toMillis());
        System.out.printf("reads %d%n", pool.reads);
        System.out.printf("changes %d%n", pool.changes);
        System.out.printf("workers %d%n", Session.WORKERS);
        System.out.printf("wall_one_thread_ms %d%n", one.wall.toMillis());
        System.out.printf("wall_gantry_ms %d%n", pool.wall.toMillis());
        System.out.printf("slowest_chain_ms %d%n", wide.slowest.toMillis());
    }

    record Run(long reads, int changes, Duration wall, Duration slowest) {}

    static Run plan(SimWorld world, Spec spec, int threads) {
        RealScheduler scheduler = new RealScheduler(threads);
        try {
            world.resetCounters();
            AtomicLong slowest = new AtomicLong();
            Engine engine = new Engine(Catalog.standard(), world.clients(), scheduler, SecretValues.none(), ApplyListener.NONE)
                    .onRefresh((done, total, pending, finished) -> {
                        if (finished != null) slowest.accumulateAndGet(finished.took().toNanos(), Math::max);
                    });
            long start = System.nanoTime();
            Plan plan = engine.plan(spec);
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            return new Run(world.readCalls(), plan.mutating().size(), wall, Duration.ofNanos(slowest.get()));
        } finally {
            scheduler.close();
        }
    }

    private RefreshBenchmark() {}
}
