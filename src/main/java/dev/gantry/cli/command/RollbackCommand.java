package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.edge.StopOnInterrupt;
import dev.gantry.cli.option.AppOptions;
import dev.gantry.cli.option.ServiceOption;
import dev.gantry.cli.option.SpecFileOption;
import dev.gantry.cli.wiring.AppContext;
import dev.gantry.cli.wiring.SpecFile;
import dev.gantry.diagnose.Diagnosis;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.LockHolder;
import dev.gantry.ops.DeployHistory;
import dev.gantry.ops.Rollback;
import dev.gantry.ops.RolloutWait;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.ui.Durations;
import dev.gantry.ui.EventLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {RollbackCommand.SUMMARY,
                "Registers that revision again with its image pinned to the digest ECS resolved when it ran, moves the service to it",
                "as a rolling deployment (the old tasks serve until the new ones are healthy) and watches it like apply.",
                "gantry.yaml is not changed: the next plan names the difference, and the next apply deploys gantry.yaml again."},
        footer = {"", "Examples:", "  gantry rollback", "  gantry rollback --to 7 --yes"})
public final class RollbackCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Deploy the previous successful revision again (by image digest), and watch it.";
    static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(30);

    @ParentCommand GantryCommand parent;
    @Mixin AppOptions global;
    @Mixin SpecFileOption specFile;

    @Mixin ServiceOption service = new ServiceOption();


    @Option(names = "--to", paramLabel = "REVISION", description = "The task definition revision to go back to (see 'gantry history'); default: the previous successful one.")
    Integer to;

    @Option(names = {"-y", "--yes"}, description = "Do not ask; needed where no one can be asked.")
    boolean yes;

    @Override public ExitCode call() throws SpecException {
        CommandContext cli = parent.context();
        Spec spec = SpecFile.load(specFile.path(), global, cli, SpecFile.Use.CHANGES);
        String ecsName = service.ecsName(spec);
        String image = service.target(spec).task().image();
        return AppContext.inSession(cli, global, specFile.path(), spec, false, d -> {
            CompletableFuture<Void> stop = new CompletableFuture<>();
            try (StopOnInterrupt ignored = StopOnInterrupt.install(() -> stop.complete(null))) {
                return run(d, to, yes ? question -> true : question -> ask(cli, question), stop, ecsName, image);
            }
        });
    }

    private static boolean ask(CommandContext cli, String question) {
        if (!cli.terminal().interactive()) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "no one to ask whether to roll back (not an interactive terminal)", "add --yes");
        }
        cli.errWriter().print(question + " Type yes to go on: ");
        cli.errWriter().flush();
        String answer = cli.terminal().readLine();
        return answer != null && answer.trim().equals("yes");
    }

    /** Chooses, asks {@code confirm}, deploys and watches; tests call it on a simulated world. */
    static ExitCode run(AppContext d, Integer to, java.util.function.Predicate<String> confirm, CompletableFuture<Void> stop) {
        Spec spec = d.spec();
        return run(d, to, confirm, stop, dev.gantry.spec.DerivedNames.serviceBase(spec.app(), spec.primaryService().name()), spec.task().image());
    }

    /** The same for the ECS service {@code service} (APP, or APP-NAME in version 2), whose spec names {@code specImage}. */
    static ExitCode run(AppContext d, Integer to, java.util.function.Predicate<String> confirm, CompletableFuture<Void> stop,
                        String service, String specImage) {
        d.checkCredentials();
        Spec spec = d.spec();
        String cluster = spec.cluster().name();
        String running = Rollback.running(d.aws(), cluster, service).orElseThrow(() -> CommandFailure.of(ExitCode.INVALID_INPUT,
                "service " + service + " in cluster " + cluster + " does not exist: there is nothing to roll back", d.words("deploy it with 'gantry apply'")));
        List<DeployHistory.Entry> history = DeployHistory.read(d.aws(), cluster, service);
        Rollback.Target target;
        try {
            target = Rollback.choose(history, running, to);
        } catch (dev.gantry.aws.AwsFailure f) {
            throw CommandFailure.aws(f, d::words, ExitCode.INVALID_INPUT);
        }
        String now = running.substring(running.lastIndexOf('/') + 1);
        String question = "Roll service " + service + " back from " + now + " to revision " + target.entry().revision()
                + " (deployed " + target.entry().at() + "), image " + target.pinned() + "?";
        if (!confirm.test(question)) {
            d.err().println("Rollback not confirmed: nothing was changed.");
            return ExitCode.FAILED;
        }
        AppContext.Held held = d.lock("rollback");
        LockHolder me = held.me();
        try {
            Rollback.Started s = Rollback.deploy(d.aws(), cluster, service, target, dev.gantry.engine.Engine.runTags(me));
            d.out().println("Registered revision " + s.revision() + " (a copy of revision " + target.entry().revision() + ", image "
                    + target.pinned() + ") and started a deployment of it. Watching it; Ctrl-C stops watching, not the deployment.");
            d.out().flush();
            EventLines words = new EventLines(d.ansi());
            Instant start = d.scheduler().now();
            RolloutWait.Result r = RolloutWait.watch(d.aws().ecs(), spec, cluster, service, s.deploymentId(), d.scheduler(), snap -> {
                Duration at = Duration.between(start, d.scheduler().now());
                for (String line : words.lines(new ApplyEvent.Rollout(at, snap))) d.out().println(EventLines.stamp(at) + line);
                d.out().flush();
            }, ROLLOUT_TIMEOUT, stop);
            if (r.completed()) {
                d.out().println(d.ansi().green("✓") + " Rolled back: service " + service + " runs revision " + s.revision() + " ("
                        + target.pinned() + ") after " + Durations.format(r.took()) + ".");
                d.out().println(d.words("gantry.yaml still describes image " + specImage + ": the next 'gantry apply' deploys it again. "
                        + "To keep the rollback, set task.image to " + target.pinned() + " in gantry.yaml."));
                return ExitCode.OK;
            }
            if (r.stopped()) {
                d.out().println(d.words("Stopped watching. The deployment goes on in AWS; 'gantry status' and 'gantry history' show how it ends."));
                return ExitCode.INTERRUPTED;
            }
            Diagnosis why = r.diagnosis();
            d.err().println(d.ansi().red("✗ The rollback deployment failed: ") + why.summary());
            if (why.detail() != null && !why.detail().isBlank()) d.err().println("  " + why.detail());
            for (String fix : why.fixes()) d.err().println("  fix: " + d.words(fix));
            return ExitCode.FAILED;
        } finally {
            held.release();
        }
    }
}
