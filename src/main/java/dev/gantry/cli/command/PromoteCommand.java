package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.option.GlobalOptions;
import dev.gantry.cli.option.OutputOption;
import dev.gantry.cli.option.SpecFileOption;
import dev.gantry.cli.wiring.AppContext;
import dev.gantry.cli.wiring.SpecFile;
import dev.gantry.ops.DeployHistory;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {PromoteCommand.SUMMARY,
                "Reads the image digest ECS runs in the first environment (never a tag, which may have moved since), shows the plan",
                "for the second (only its image changes) and applies it. Refused when the first environment's last rollout did not",
                "succeed. gantry.yaml is not changed: status and history show the digest each environment runs."},
        footer = {"", "Examples:", "  gantry promote --from staging --to production", "  gantry promote --from staging --to production --yes"})
public final class PromoteCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Deploy to one environment exactly the image another environment runs.";

    @ParentCommand GantryCommand parent;
    @Mixin GlobalOptions global;
    @Mixin SpecFileOption specFile = new SpecFileOption();
    @Mixin OutputOption output = new OutputOption();

    @Option(names = "--from", required = true, paramLabel = "ENV", description = "The environment whose running image is deployed (e.g. staging).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ENV", description = "The environment it is deployed to (e.g. production).")
    String to;

    @Option(names = "--service", paramLabel = "NAME", description = "The service (default: the app's one service).")
    String service;

    @Option(names = {"-y", "--yes"}, description = "Go ahead without asking (CI).")
    boolean yes;

    @Option(names = "--force-unlock", description = "Break a lock left by a run that died.")
    boolean forceUnlock;

    @Override public ExitCode call() throws SpecException {
        CommandContext cli = parent.context();
        if (from.equals(to)) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "--from and --to are both " + from + ": an environment already runs its own image",
                    "name two environments, e.g. --from staging --to production");
        }
        GlobalOptions source = global.forEnvironment(from);
        Spec fromSpec = SpecFile.load(specFile.path(), source, cli, SpecFile.Use.READS);
        if (service != null && !service.equals(fromSpec.app()) && !service.equals(appOf(fromSpec))) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "gantry.yaml has one service, " + appOf(fromSpec) + ", not " + service,
                    "leave out --service, or use --service " + appOf(fromSpec));
        }
        String[] image = new String[1];
        ExitCode read = AppContext.inSession(cli, source, specFile.path(), fromSpec, false, d -> {
            d.checkCredentials();
            image[0] = runningImage(d, from);
            return ExitCode.OK;
        });
        if (read != ExitCode.OK) return read;
        cli.err().println(cli.wrapped("Promoting " + from + "'s running image " + image[0] + " to " + to + "."));
        ApplyCommand apply = new ApplyCommand();
        apply.parent = parent;
        apply.global = global.forEnvironment(to);
        apply.run.specFile.file = specFile.path();
        apply.run.yes = yes;
        apply.run.forceUnlock = forceUnlock;
        apply.run.output = output;
        apply.image = image[0];
        return apply.call();
    }

    /**
     * The digest the environment's service runs, from its newest deployment (ECS's own record of
     * the digest it resolved), refused unless that deployment completed.
     */
    static String runningImage(AppContext d, String env) {
        Spec spec = d.spec();
        List<DeployHistory.Entry> entries = DeployHistory.read(d.aws(), spec.cluster().name(), spec.app());
        if (entries.isEmpty()) {
            throw CommandFailure.of(ExitCode.FAILED, env + " has no deployment of " + spec.app() + " to promote; nothing was changed",
                    d.words("deploy it first: 'gantry apply --env " + env + "'"));
        }
        DeployHistory.Entry last = entries.get(0);
        if (!"SUCCESSFUL".equals(last.status())) {
            throw CommandFailure.of(ExitCode.FAILED, env + "'s last rollout (revision " + last.revision() + ", " + last.at() + ") did not succeed: "
                            + last.outcome() + (last.statusReason() != null ? " (" + dev.gantry.text.Untrusted.text(last.statusReason()) + ")" : "")
                            + "; only an image that rolled out there is promoted, and nothing was changed",
                    d.words("see why with 'gantry history --env " + env + "', fix it and apply " + env + " again, then promote"));
        }
        String pinned = last.pinnedImage();
        if (pinned == null) {
            throw CommandFailure.of(ExitCode.FAILED, "ECS recorded no image digest for " + env + "'s running revision " + last.revision()
                    + ", so what it runs cannot be named exactly; nothing was changed", "apply " + env + " again (ECS resolves the digest when tasks start), then promote");
        }
        return pinned;
    }

    private static String appOf(Spec spec) {
        String tagged = spec.tags().get(dev.gantry.spec.Environment.TAG);
        return tagged != null && spec.app().endsWith("-" + tagged) ? spec.app().substring(0, spec.app().length() - tagged.length() - 1) : spec.app();
    }
}
