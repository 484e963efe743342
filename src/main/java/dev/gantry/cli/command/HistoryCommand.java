package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.option.AppOptions;
import dev.gantry.cli.option.OutputOption;
import dev.gantry.cli.option.ServiceOption;
import dev.gantry.cli.option.SpecFileOption;
import dev.gantry.cli.wiring.AppContext;
import dev.gantry.cli.wiring.SpecFile;
import dev.gantry.ops.DeployHistory;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.ui.HistoryJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {HistoryCommand.SUMMARY,
                "When, which task definition revision, the image digest ECS resolved, what changed from the deployment before,",
                "which gantry run and user made it, and how it ended (completed, rolled back, stopped, and why).",
                "Read from ECS's service deployments, which it keeps for 90 days."},
        footer = {"", "Examples:", "  gantry history", "  gantry history --output json"})
public final class HistoryCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "List the service's deployments: what changed, who made them, how they ended.";

    @ParentCommand GantryCommand parent;
    @Mixin AppOptions global;
    @Mixin SpecFileOption specFile;

    @Mixin ServiceOption service = new ServiceOption();

    @Mixin OutputOption output;

    @Override public ExitCode call() throws SpecException {
        CommandContext cli = parent.context();
        Spec spec = SpecFile.load(specFile.path(), global, cli, SpecFile.Use.READS);
        String ecsName = service.ecsName(spec);
        return AppContext.inSession(cli, global, specFile.path(), spec, false, d -> run(d, output.json(), ecsName));
    }

    /** The primary service's history. */
    static ExitCode run(AppContext d, boolean json) {
        Spec spec = d.spec();
        return run(d, json, dev.gantry.spec.DerivedNames.serviceBase(spec.app(), spec.primaryService().name()));
    }

    /** The history of the ECS service {@code ecsName} (APP, or APP-NAME in version 2). */
    static ExitCode run(AppContext d, boolean json, String ecsName) {
        d.checkCredentials();
        Spec spec = d.spec();
        List<DeployHistory.Entry> entries = DeployHistory.read(d.aws(), spec.cluster().name(), ecsName);
        if (json) {
            d.out().println(HistoryJson.render(ecsName, entries));
            return ExitCode.OK;
        }
        if (entries.isEmpty()) {
            d.out().println(d.words("No deployments of service " + ecsName + " yet (or none in the last 90 days): 'gantry apply' makes the first."));
            return ExitCode.OK;
        }
        for (DeployHistory.Entry e : entries) {
            String outcome = e.outcome();
            String colored = switch (e.status()) {
                case "SUCCESSFUL" -> d.ansi().green(outcome);
                case "IN_PROGRESS", "PENDING" -> outcome;
                default -> d.ansi().red(outcome);
            };
            d.out().println(e.at() + "  revision " + e.revision() + "  " + colored
                    + (e.statusReason() != null && !"SUCCESSFUL".equals(e.status()) ? ": " + dev.gantry.text.Untrusted.text(e.statusReason()) : ""));
            d.out().println("    image   " + e.image() + (e.digest() != null && !e.image().contains("@") ? " (" + DeployHistory.shortDigest(e.digest()) + ")" : ""));
            d.out().println("    changes " + String.join("; ", e.changes()));
            String by = e.runId() == null ? "not recorded (not registered by gantry, or by a version that did not tag revisions)"
                    : "gantry " + (e.command() == null ? "apply" : e.command()) + " (run " + e.runId().substring(0, Math.min(8, e.runId().length())) + ")"
                    + (e.user() != null ? " by " + e.user() : "");
            if (e.rollbackTo() != null) by += ", back to revision " + e.rollbackTo();
            d.out().println("    by      " + by);
        }
        return ExitCode.OK;
    }
}
