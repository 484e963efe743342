package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.edge.Interrupts;
import dev.gantry.cli.option.AppOptions;
import dev.gantry.cli.option.RunOptions;
import dev.gantry.cli.wiring.Wiring;
import dev.gantry.cli.wiring.Session;
import dev.gantry.cli.wiring.SpecFile;
import dev.gantry.cli.wiring.Views;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineOptions;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.ui.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = {DestroyCommand.SUMMARY,
                "Idempotent and resumable: run it again after an interruption."})
public final class DestroyCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Delete everything gantry created for the app, in reverse order, leaving nothing that costs money.";

    @ParentCommand GantryCommand parent;
    @Mixin AppOptions global;

    @Mixin RunOptions run = new RunOptions();

    @Option(names = "--keep-secrets", description = "Keep the SSM parameters holding the secrets.")
    boolean keepSecrets;

    @Option(names = "--keep-logs", description = "Keep the CloudWatch log group.")
    boolean keepLogs;

    @Option(names = "--keep-images", description = "Keep the ECR repository of task.build and the images in it (destroy deletes them otherwise).")
    boolean keepImages;

    /**
     * destroy's question, naming what cannot be got back once deleted: the secrets' values and the
     * logs, with the flag that would keep each.
     */
    static String question(dev.gantry.plan.Plan plan) {
        List<String> lost = new java.util.ArrayList<>();
        boolean secrets = plan.mutating().stream().anyMatch(c -> c.action() == dev.gantry.plan.Action.DELETE
                && (c.address().type().equals("parameter") || c.address().type().equals("secret")));
        boolean logs = plan.mutating().stream().anyMatch(c -> c.action() == dev.gantry.plan.Action.DELETE
                && c.address().type().equals("log-group"));
        if (secrets) lost.add("the secrets' stored values (--keep-secrets keeps them)");
        if (logs) lost.add("the containers' logs (--keep-logs keeps them)");
        long images = plan.mutating().stream().filter(c -> c.address().type().equals("repository")
                && c.action() == dev.gantry.plan.Action.DELETE).count();
        if (images == 1) lost.add("the ECR repository's images (--keep-images keeps them)");
        if (images > 1) lost.add("the " + images + " ECR repositories' images (--keep-images keeps them)");
        return lost.isEmpty() ? "Destroy all of these?"
                : "This also deletes, for good, " + String.join(" and ", lost) + ". Destroy all of these?";
    }

    @Override public ExitCode call() throws SpecException {
        CommandContext cli = parent.context();
        // The spec's own problems first: they are what the person came to fix.
        Spec spec = SpecFile.load(run.specFile.path(), global, cli, SpecFile.Use.CHANGES, run.from);
        run.check("destroy", cli.interactive());
        Set<String> keep = new HashSet<>();
        if (keepSecrets) {
            keep.add("parameter");
            keep.add("secret");
        }
        if (keepLogs) keep.add("log-group");
        if (keepImages) {
            keep.add("repository");
            keep.add("image");
        }
        String resume = run.resume("destroy", global);
        try (Session session = Wiring.open(cli, global, spec)) {
            Operation op = Operation.destroy(spec.app(), spec.region()).withOptions(run.given(global));
            try (Views views = Wiring.views(op, run.json(), global, cli, session)) {
                Engine engine = Wiring.engine(session, SecretValues.none(), views.listener());
                views.attach(engine);
                try (Interrupts interrupts = Interrupts.install(engine, cli.err())) {
                    EngineOptions options = new EngineOptions(false, run.forceUnlock,
                            views.confirmation(run.yes, DestroyCommand::question, run.json()),
                            dev.gantry.engine.Machine.local(cli.env()), keep, resume);
                    ApplyResult result = engine.destroy(spec, options);
                    if (result.exit() == ApplyResult.Exit.OK && result.deleted() > 0 && usesServiceConnect(spec)) {
                        // ECS made the namespace (the cluster's Service Connect default) and never deletes it.
                        cli.err().println(cli.wrapped("note: the Cloud Map namespace " + spec.app() + " that ECS made for Service Connect is left:"
                                + " ECS does not delete it with the cluster, and gantry does not call Cloud Map yet. To delete it: aws servicediscovery"
                                + " list-namespaces --filters Name=NAME,Values=" + spec.app() + ",Condition=EQ, then aws servicediscovery delete-namespace --id ID"));
                    }
                    return interrupts.exitCode(ExitCode.of(result.exit()));
                }
            }
        }
    }

    /** Whether the app's cluster has a Service Connect namespace: version 2 with an internal service. */
    static boolean usesServiceConnect(Spec spec) {
        return spec.isVersion2() && spec.services().values().stream().anyMatch(dev.gantry.spec.AppService::internal);
    }
}
