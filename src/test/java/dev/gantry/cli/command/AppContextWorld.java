package dev.gantry.cli.command;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.sim.SimLatency;
import dev.gantry.aws.sim.SimState;
import dev.gantry.aws.sim.SimWorld;
import dev.gantry.cli.edge.Captured;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.edge.Failures;
import dev.gantry.cli.wiring.AppContext;
import dev.gantry.cli.wiring.SimAccount;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineOptions;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.time.VirtualScheduler;
import dev.gantry.ui.Ansi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated account on virtual time, seeded by applying a template with the engine, and a
 * {@link AppContext} pointed at it whose output the test reads.
 */
final class AppContextWorld {
    final VirtualScheduler time = new VirtualScheduler();
    final SimWorld world = new SimWorld(new SimState(), time, SimLatency.realistic());
    final AwsClients aws = world.clients();
    final Captured streams = new Captured(Map.of());
    /** The options the commands were "given", which the gantry commands they suggest repeat. */
    String options = "";

    static Spec template(String name) {
        try {
            return SpecLoader.load(Path.of("templates", name));
        } catch (dev.gantry.spec.SpecException e) {
            throw new AssertionError(e.diagnostics().toString());
        }
    }

    static Spec withImage(Spec s, String image) {
        Task t = s.task();
        return s.withTask(new Task(image, t.cpu(), t.memory(), t.architecture(), t.port(), t.command(), t.environment(), t.secrets(), t.logs()));
    }

    ApplyResult apply(Spec spec) {
        world.state.region = spec.region();
        SimAccount.prepare(world, spec);
        SecretValues secrets = name -> Optional.of(("first-" + name).toCharArray());
        return new Engine(Catalog.standard(), aws, time, secrets, e -> { }).apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply"));
    }

    ApplyResult applied(Spec spec) {
        ApplyResult r = apply(spec);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        return r;
    }

    AppContext day2(Spec spec) {
        return new AppContext(spec, aws, time, streams.context, Ansi.NONE, options);
    }

    /** Runs a command's work the way the CLI does, failures included: printed as Main prints them, and their exit code. */
    int run(Spec spec, java.util.function.Function<AppContext, ExitCode> body) {
        try {
            return AppContext.guarded(day2(spec), body).code();
        } catch (RuntimeException e) {
            Failures.print(streams.context.errWriter(), e);
            return dev.gantry.Main.exitFor(e).code();
        }
    }

    String out() { return streams.out(); }
    String err() { return streams.err(); }
}
