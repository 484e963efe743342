package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.edge.StopOnInterrupt;
import dev.gantry.cli.option.AppOptions;
import dev.gantry.cli.option.ServiceOption;
import dev.gantry.cli.option.ShellWords;
import dev.gantry.cli.option.SpecFileOption;
import dev.gantry.cli.wiring.AppContext;
import dev.gantry.cli.wiring.SpecFile;
import dev.gantry.ops.LogLine;
import dev.gantry.ops.OneOffTask;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.ui.LogText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {RunCommand.SUMMARY,
                "Same image digest, environment, secrets, roles, subnets and security groups as the service; the command replaced.",
                "Its logs are printed as they come; gantry exits with the container's exit code (1 when it could not start, with why).",
                "Ctrl-C asks ECS to stop the task and waits until it has (exit 130)."},
        footer = {"", "Examples:", "  gantry run -- ./manage.py migrate", "  gantry run --memory 2048 -- sh -c 'bin/reindex && echo done'",
                "  gantry run --job nightly-report"})
public final class RunCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Run a command once in a new task of the service (a migration, a script), and follow it.";

    @ParentCommand GantryCommand parent;
    @Mixin AppOptions global;
    @Mixin SpecFileOption specFile;

    @Mixin ServiceOption service = new ServiceOption();

    @Option(names = "--cpu", paramLabel = "UNITS", description = "CPU units for this task (256 = 0.25 vCPU); default: the service's.")
    Integer cpu;

    @Option(names = "--memory", paramLabel = "MiB", description = "Memory for this task; default: the service's.")
    Integer memory;

    @Option(names = "--job", paramLabel = "NAME", description = "Run the scheduled job NAME now, exactly as its schedule does (no command after --).")
    String job;

    @Option(names = "--detach", description = "Start it, print its id and how to follow it, and return at once.")
    boolean detach;

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "The command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    @Override public ExitCode call() throws SpecException {
        CommandContext cli = parent.context();
        Spec spec = SpecFile.load(specFile.path(), global, cli, SpecFile.Use.CHANGES);
        if (job != null) {
            if (!command.isEmpty() || cpu != null || memory != null || service.given()) {
                throw CommandFailure.of(ExitCode.INVALID_INPUT, "--job runs the job as gantry.yaml describes it: no command, --cpu, --memory or --service with it",
                        "change the job in gantry.yaml (and apply), or run a command of your own: gantry run -- CMD");
            }
            if (!spec.jobs().containsKey(job)) {
                throw CommandFailure.of(ExitCode.INVALID_INPUT, "gantry.yaml has no job " + job,
                        spec.jobs().isEmpty() ? "add it under jobs: (see README, Scheduled jobs)" : "jobs: " + String.join(", ", spec.jobs().keySet()));
            }
        } else if (command.isEmpty()) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "no command to run", "put it after --, e.g. gantry run -- ./manage.py migrate");
        }
        // A job runs as its schedule starts it (jobs belong to the primary service); a command in any service's task.
        if (job != null) service.check(spec);
        String ecsName = job != null ? null : service.ecsName(spec);
        return AppContext.inSession(cli, global, specFile.path(), spec, false, d -> {
            CompletableFuture<Void> stop = new CompletableFuture<>();
            try (StopOnInterrupt ignored = detach ? StopOnInterrupt.NONE : StopOnInterrupt.install(() -> stop.complete(null))) {
                return job != null ? runJob(d, job, detach, stop) : run(d, new OneOffTask.Request(List.copyOf(command), cpu, memory), detach, stop, ecsName);
            }
        });
    }

    /** Starts the task and, unless {@code detach}, follows it until it stops; tests complete {@code stop} at a virtual time. */
    static ExitCode run(AppContext d, OneOffTask.Request request, boolean detach, CompletableFuture<Void> stop) {
        Spec spec = d.spec();
        return run(d, request, detach, stop, dev.gantry.spec.DerivedNames.serviceBase(spec.app(), spec.primaryService().name()));
    }

    /** The same in a task of the ECS service {@code ecsName} (APP, or APP-NAME in version 2). */
    static ExitCode run(AppContext d, OneOffTask.Request request, boolean detach, CompletableFuture<Void> stop, String ecsName) {
        d.checkCredentials();
        Spec spec = d.spec();
        Instant from = d.scheduler().now();
        OneOffTask.Started s = OneOffTask.start(d.aws(), spec, spec.cluster().name(), ecsName, request);
        return follow(d, s, String.join(" ", request.command().stream().map(ShellWords::quote).toList()), null, from, detach, stop);
    }

    /** {@code --job NAME}: the job's task, as its schedule starts it, now. */
    static ExitCode runJob(AppContext d, String job, boolean detach, CompletableFuture<Void> stop) {
        d.checkCredentials();
        Spec spec = d.spec();
        Instant from = d.scheduler().now();
        OneOffTask.Started s = OneOffTask.startJob(d.aws(), spec, job);
        return follow(d, s, "job " + job + " (" + String.join(" ", spec.jobs().get(job).command().stream().map(ShellWords::quote).toList()) + ")",
                job, from, detach, stop);
    }

    /** {@code job}: the job it runs, or null for a command of the user's. */
    private static ExitCode follow(AppContext d, OneOffTask.Started s, String shown, String job, Instant from, boolean detach, CompletableFuture<Void> stop) {
        Spec spec = d.spec();
        String family = s.taskDefinition().substring(s.taskDefinition().lastIndexOf('/') + 1);
        if (detach) {
            d.out().println(s.taskId());
            d.err().println("Started " + shown + " as task " + s.taskId() + " of " + family + ". Follow it with: "
                    + d.words("'gantry logs --task " + s.taskId() + " --follow'"));
            return ExitCode.OK;
        }
        d.err().println("Running " + shown + " in a new task of " + family + " (task " + s.taskId().substring(0, 8) + "); Ctrl-C stops it…");
        d.err().flush();
        OneOffTask.Ended e = OneOffTask.follow(d.aws(), d.scheduler(), spec, s, from, lines -> print(d, lines), stop);
        String took = " after " + dev.gantry.ui.Durations.format(Duration.between(from, d.scheduler().now()));
        if (e.stoppedByUs()) {
            d.err().println("Stopped task " + s.taskId().substring(0, 8) + " (Ctrl-C)" + took
                    + (e.ran() ? "; its command ended with code " + e.exitCode() : "") + ".");
            return ExitCode.INTERRUPTED;
        }
        if (e.ran() && e.timedOut()) {
            Integer timeout = job == null ? null : spec.jobs().get(job).timeout();
            d.err().println("Task " + s.taskId().substring(0, 8) + ": " + shown + " timed out"
                    + (timeout == null ? "" : " after " + dev.gantry.spec.Job.duration(timeout)) + ": ECS stopped it (its command ended with code " + e.exitCode() + ").");
            return ExitCode.ofContainer(e.exitCode());
        }
        if (e.ran()) {
            d.err().println("Task " + s.taskId().substring(0, 8) + ": " + shown + " exited with code " + e.exitCode() + took + ".");
            return ExitCode.ofContainer(e.exitCode());
        }
        d.err().println("The task could not run its command" + took + ": " + (e.diagnosis() == null ? e.stoppedReason() : e.diagnosis().summary()));
        if (e.diagnosis() != null) {
            if (e.diagnosis().detail() != null) d.err().println("  " + e.diagnosis().detail());
            for (String fix : e.diagnosis().fixes()) d.err().println("  fix: " + d.words(fix));
        }
        return ExitCode.FAILED;
    }

    private static void print(AppContext d, List<LogLine> lines) {
        for (LogLine l : lines) d.out().println(LogText.render(l, d.ansi()));
        d.out().flush();
    }
}
