package dev.gantry.bench;

import dev.gantry.aws.sim.SimLatency;
import dev.gantry.aws.sim.SimState;
import dev.gantry.aws.sim.SimWorld;
import dev.gantry.cli.wiring.SimAccount;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.CriticalPath;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineOptions;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.time.VirtualScheduler;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prints how long the three deploys people wait on take on the simulated AWS with realistic
 * timings, on virtual time (exact and repeatable), each beside its goal and beside the physical
 * floor: the longest chain of AWS's own waits (load balancer provisioning, NAT, certificate
 * validation, task start, first health checks, draining, stopping), computed from the simulated
 * AWS's timing model and the spec's settings, never from gantry's graph. Not a test: it prints.
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

        Run first = apply(world, time, spec, "benchmark-secret");
        Run noop = apply(world, time, spec, null);
        Spec image = spec.withTask(spec.task().withImage(spec.task().image() + "-next"));
        Run imageUpdate = apply(world, time, image, null);
        Map<String, String> env = new TreeMap<>(image.task().environment());
        env.put("BENCH_FLAG", "on");
        var t = image.task();
        Spec config = image.withTask(new dev.gantry.spec.Task(t.image(), t.cpu(), t.memory(), t.architecture(), t.port(), t.command(),
                env, t.secrets(), t.logs(), t.registryCredentials(), t.stopTimeout()));
        Run configUpdate = apply(world, time, config, null);

        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) peakHeap += pool.getPeakUsage().getUsed();
        }

        Floor.Figures f = Floor.of(spec, latency);
        System.out.printf("gantry deploy benchmark · %s · simulated AWS, realistic timings, virtual time%n", template);
        System.out.printf("| %-44s | %-9s | %-9s | %-6s | %-28s | %-6s |%n", "deploy", "measured", "floor", "/floor", "goal", "reads");
        System.out.printf("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(46), "-".repeat(11), "-".repeat(11), "-".repeat(8), "-".repeat(30), "-".repeat(8));
        row("first full deploy, empty account", first, f.firstDeploy(), "<= 210 s and <= 1.05 x floor");
        row("image update, 2 tasks (to old tasks stopped)", imageUpdate, f.update(), "<= 90 s");
        row("config-only update (environment variable)", configUpdate, f.update(), "<= 90 s");
        System.out.println();
        System.out.println("Floors (AWS's own waits, from docs/timings.md and the spec's settings):");
        System.out.println("  first deploy: " + f.firstDeployWhy());
        System.out.println("  update:       " + f.updateWhy());
        System.out.println();
        System.out.println("Where the time went (apply's own summary):");
        breakdown("first deploy", first);
        breakdown("image update", imageUpdate);
        breakdown("config update", configUpdate);
        System.out.println();
        System.out.printf("  first apply: %d resources, %d mutating calls, %d reads (goal <= 100): %d refreshing (before the question and under the lock),"
                + " %d while changing and waiting%n", first.result.created(), first.mutating, first.reads, first.readsBeforeChanges,
                first.reads - first.readsBeforeChanges);
        System.out.printf("  image update: %d reads (%d refreshing, %d while changing and waiting)%n",
                imageUpdate.reads, imageUpdate.readsBeforeChanges, imageUpdate.reads - imageUpdate.readsBeforeChanges);
        System.out.printf("  no-op re-apply: %s, %d mutating calls (goal 0), %d reads (goal <= 30)%n", noop.result.outcome(), noop.mutating, noop.reads);
        System.out.printf("  peak heap %.1f MiB%n", peakHeap / 1048576.0);
        System.out.println("  first apply's reads by action: " + first.readsByAction);
        System.out.println("  no-op re-apply's reads by action: " + noop.readsByAction);
    }

    private static void row(String what, Run r, Duration floor, String goal) {
        double m = r.result.elapsed().toMillis() / 1000.0, fl = floor.toMillis() / 1000.0;
        System.out.printf("| %-44s | %7.1f s | %7.1f s | %6.3f | %-28s | %6d |%n", what, m, fl, m / fl, goal, r.reads);
    }

    private static void breakdown(String what, Run r) {
        System.out.printf("  %-14s %s%n", what + ":", r.result.criticalPath() == null ? "(none)" : r.result.criticalPath().line());
        if (r.result.criticalPath() != null && r.result.criticalPath().lever() != null) {
            System.out.printf("  %-14s biggest lever: %s%n", "", r.result.criticalPath().lever());
        }
    }

    /** {@code readsBeforeChanges}: the refresh before the question and again under the lock; the rest were made while changing and waiting. */
    private record Run(ApplyResult result, long mutating, long reads, long readsBeforeChanges, Map<String, Long> readsByAction) {}

    private static Run apply(SimWorld world, VirtualScheduler time, Spec spec, String secret) {
        world.resetCounters();
        long[] before = {-1};
        Engine engine = new Engine(dev.gantry.resources.catalog.Catalog.standard(), world.clients(), time,
                name -> secret == null ? Optional.empty() : Optional.of(secret.toCharArray()), (ApplyEvent e) -> {
                    if (e instanceof ApplyEvent.Started && before[0] < 0) before[0] = world.readCalls();
                });
        ApplyResult r = engine.apply(spec, dev.gantry.engine.TestOptions.yes("bench"));
        if (!r.ok() && r.outcome() != ApplyResult.Outcome.NO_CHANGES) throw new IllegalStateException("apply failed: " + r.failures());
        Map<String, Long> reads = new TreeMap<>();
        world.callsByAction().forEach((k, v) -> { if (isRead(k)) reads.put(k, v); });
        return new Run(r, world.mutatingCalls(), world.readCalls(), before[0] < 0 ? world.readCalls() : before[0], reads);
    }

    private static boolean isRead(String action) {
        String a = action.substring(action.indexOf(':') + 1);
        return a.startsWith("Describe") || a.startsWith("List") || a.startsWith("Get") || a.startsWith("Simulate");
    }

    private ApplyBenchmark() {}
}
