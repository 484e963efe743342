package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.option.GlobalOptions;
import dev.gantry.cli.wiring.AppContext;
import dev.gantry.cli.wiring.SpecFile;
import dev.gantry.ops.StatusGatherer;
import dev.gantry.ops.StatusReport;
import dev.gantry.spec.Environment;
import dev.gantry.spec.Environments;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.ui.Ansi;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code gantry status --all}: one line per environment of the spec (URL, health, the image digest
 * its tasks run, drift, monthly cost), each read in its own account with its own session.
 */
final class StatusAll {
    private StatusAll() {}

    static ExitCode run(CommandContext cli, GlobalOptions g, Path file, boolean detailed) throws SpecException {
        if (g.env != null) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "--all shows every environment; --env names one", "leave out one of them");
        }
        SpecLoader.Result r = SpecLoader.check(file);
        if (!r.valid()) throw new SpecException(r.errors());
        Environments envs = r.environments();
        if (!envs.defined()) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "--all: " + file + " names no environments", "leave out --all: 'gantry status' shows the app");
        }
        ExitCode worst = ExitCode.OK;
        for (Environment env : envs.all()) {
            GlobalOptions one = g.forEnvironment(env.name());
            Spec spec = SpecFile.load(file, one, cli, SpecFile.Use.READS);
            Ansi ansi = cli.ansi(g.noColor);
            ExitCode code = AppContext.inSession(cli, one, file, spec, false, d -> {
                StatusReport report = new StatusGatherer(d.aws(), d.engine(), d.scheduler()).gather(spec);
                d.out().println(line(env.name(), report, ansi));
                return StatusCommand.exitCode(report, detailed);
            });
            if (code != ExitCode.OK && (worst == ExitCode.OK || code == ExitCode.FAILED)) worst = code;
        }
        return worst;
    }

    static String line(String env, StatusReport r, Ansi ansi) {
        String health = !r.deployed() ? ansi.yellow("not deployed")
                : r.healthy() ? ansi.green("✓ healthy") : ansi.red("✗ " + r.problems().size() + (r.problems().size() == 1 ? " problem" : " problems"));
        String url = r.url() == null ? "(no URL)" : r.url();
        String digest = r.service() == null ? "-" : r.service().images().stream().map(StatusReport.RunningImage::digest)
                .filter(java.util.Objects::nonNull).distinct().map(d -> d.length() > 19 ? d.substring(0, 19) : d)
                .reduce((a, b) -> a + "," + b).orElse("-");
        // Nothing deployed has no drift to speak of and costs nothing yet: say what it would cost.
        String drift = !r.deployed() ? "-" : r.drifted() ? ansi.yellow("drift: " + r.drift().size()) : "no drift";
        String cost = r.cost() == null ? "-" : String.format(Locale.ROOT, r.deployed() ? "about $%,.2f a month" : "once deployed about $%,.2f a month",
                r.cost().monthlyUsd());
        return String.format(Locale.ROOT, "%-14s %-34s %s · %s · %s · %s", env, url, health, digest, drift, cost);
    }
}
