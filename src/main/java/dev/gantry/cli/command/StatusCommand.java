package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.option.AppOptions;
import dev.gantry.cli.option.OutputOption;
import dev.gantry.cli.option.ServiceOption;
import dev.gantry.cli.option.SpecFileOption;
import dev.gantry.cli.wiring.AppContext;
import dev.gantry.cli.wiring.SpecFile;
import dev.gantry.ops.StatusGatherer;
import dev.gantry.ops.StatusReport;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.ui.StatusJson;
import dev.gantry.ui.StatusText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {StatusCommand.SUMMARY,
                "Reads the URL, the certificate, the load balancer's targets, the ECS service and its latest deployment, "
                        + "estimates the monthly cost, and lists what changed outside gantry (drift). Changes nothing.",
                "Exit 0 when the status could be read. With --detailed-exitcode: 0 healthy and in sync, "
                        + "1 unhealthy or not deployed, 3 healthy but drifted."})
public final class StatusCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Show how the deployed app is doing: health, rollout, recent events, cost and drift.";

    @ParentCommand GantryCommand parent;
    @Mixin AppOptions global;

    @Mixin SpecFileOption specFile;

    @Mixin OutputOption output;

    @Option(names = "--detailed-exitcode", description = "Exit 1 when unhealthy or not deployed, 3 when healthy but drifted.")
    boolean detailedExitCode;

    @Mixin ServiceOption service = new ServiceOption();

    @Option(names = "--all", description = "One line per environment of gantry.yaml: URL, health, image digest, drift, monthly cost.")
    boolean all;

    @Override public ExitCode call() throws SpecException {
        CommandContext cli = parent.context();
        if (all && output.json()) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "--all prints one line of text per environment, not JSON",
                    "for one environment's JSON use --env NAME --output json");
        }
        if (all) return StatusAll.run(cli, global, specFile.path(), detailedExitCode);
        Spec spec = SpecFile.load(specFile.path(), global, cli, SpecFile.Use.READS);
        // Without --service, every service of the app (one block each); with it, that one.
        String chosen = service.given() ? service.chosen(spec) : null;
        return AppContext.inSession(cli, global, specFile.path(), spec, true, d -> run(d, output.json(), detailedExitCode, chosen));
    }

    /** The command's work on an open AWS; tests call it with a simulated world on virtual time. */
    static ExitCode run(AppContext d, boolean json, boolean detailedExitCode) {
        return run(d, json, detailedExitCode, null);
    }

    /**
     * The status of one service of the app ({@code --service NAME}) and the pieces it shares; with
     * {@code service} null, the whole app (every service of a version-2 app).
     */
    static ExitCode run(AppContext d, boolean json, boolean detailedExitCode, String service) {
        StatusGatherer gatherer = new StatusGatherer(d.aws(), d.engine(), d.scheduler());
        StatusReport report = service == null ? gatherer.gather(d.spec()) : gatherer.gather(d.spec(), service);
        dev.gantry.guard.GuardStatus guard = report.deployed() ? dev.gantry.guard.GuardStatus.read(d.aws(), d.spec()) : null;
        if (!json && service != null && d.spec().services().size() > 1) {
            d.out().println("Service " + service + " of " + d.spec().app() + " (" + d.spec().services().size() + " services: "
                    + String.join(", ", d.spec().services().keySet()) + "; --service NAME shows another)");
        }
        d.out().print(json ? StatusJson.render(report, d::words, guard) + "\n" : d.cli().wrapped(StatusText.render(report, d.ansi(), d::words, guard)));
        d.out().flush();
        return exitCode(report, detailedExitCode);
    }

    static ExitCode exitCode(StatusReport r, boolean detailed) {
        if (!detailed) return ExitCode.OK;
        if (!r.healthy()) return ExitCode.FAILED;
        return r.drifted() ? ExitCode.CHANGES_PENDING : ExitCode.OK;
    }
}
