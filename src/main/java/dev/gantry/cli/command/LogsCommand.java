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
import dev.gantry.ops.LogCursor;
import dev.gantry.ops.LogFollow;
import dev.gantry.ops.LogLine;
import dev.gantry.ops.Since;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.ui.LogText;
import dev.gantry.ui.StatusText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {LogsCommand.SUMMARY,
                "Reads the CloudWatch log group /gantry/APP, oldest line first, each prefixed with the short task id and the time in UTC.",
                "With --follow, keeps printing new lines every 2 seconds until Ctrl-C (exit 130)."})
public final class LogsCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Print the service's container output, task by task.";

    @ParentCommand GantryCommand parent;
    @Mixin AppOptions global;

    @Mixin SpecFileOption specFile;

    @Mixin ServiceOption service = new ServiceOption();

    @Option(names = "--since", defaultValue = "10m", paramLabel = "SPAN|TIME",
            description = "Start this long ago (30s, 10m, 2h, 1d) or at this time (2026-01-31T09:30:00Z; no offset means UTC). Default: ${DEFAULT-VALUE}.")
    String since;

    @Option(names = "--follow", description = "Keep printing new lines until Ctrl-C.")
    boolean follow;

    @Option(names = "--task", paramLabel = "ID", description = "Only the task whose id starts with ID (the 8 characters in front of each line are enough).")
    String task;

    @Override public ExitCode call() throws SpecException {
        CommandContext cli = parent.context();
        Spec spec = SpecFile.load(specFile.path(), global, cli, SpecFile.Use.READS);
        since(since, Instant.now());
        String chosen = service.chosen(spec);
        return AppContext.inSession(cli, global, specFile.path(), spec, false, d -> {
            CompletableFuture<Void> stop = new CompletableFuture<>();
            try (StopOnInterrupt ignored = follow ? StopOnInterrupt.install(() -> stop.complete(null)) : StopOnInterrupt.NONE) {
                return run(d, since, task, follow, stop, chosen);
            }
        });
    }

    /**
     * Prints the lines since {@code since}; with {@code follow}, keeps polling until {@code stop}
     * completes. Tests complete {@code stop} at a virtual time.
     */
    static ExitCode run(AppContext d, String since, String task, boolean follow, CompletableFuture<Void> stop) {
        return run(d, since, task, follow, stop, d.spec().primaryService().name());
    }

    /** The same for one service of the app ({@code --service NAME}): its log group. */
    static ExitCode run(AppContext d, String since, String task, boolean follow, CompletableFuture<Void> stop, String service) {
        Instant from = since(since, d.scheduler().now());
        d.checkCredentials();
        LogCursor cursor = new LogCursor(d.aws().logs(), "/gantry/" + dev.gantry.spec.DerivedNames.serviceBase(d.spec().app(), service), from, task);
        List<LogLine> first = cursor.next();
        print(d, first);
        if (!follow) {
            if (first.isEmpty()) {
                d.err().println("No log lines in " + cursor.group() + (task == null ? "" : " for task " + task) + " since " + StatusText.time(from)
                        + ". Try a longer --since, or --follow to wait for new ones.");
            }
            return ExitCode.OK;
        }
        d.err().println("Following " + cursor.group() + " (Ctrl-C to stop)…");
        d.err().flush();
        LogFollow.run(cursor, d.scheduler(), LogFollow.INTERVAL, lines -> print(d, lines), stop);
        return ExitCode.INTERRUPTED;
    }

    /** Where {@code --since} starts, counted back from {@code now}; a value it cannot read is bad input. */
    private static Instant since(String since, Instant now) {
        try {
            return Since.parse(since, now);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.input(e.getMessage());
        }
    }

    /** The awslogs group every gantry task definition writes to. */
    /** The primary service's log group (the one service of a version-1 spec: /gantry/APP). */
    static String logGroup(Spec spec) { return "/gantry/" + dev.gantry.spec.DerivedNames.serviceBase(spec.app(), spec.primaryService().name()); }

    private static void print(AppContext d, List<LogLine> lines) {
        for (LogLine l : lines) d.out().println(LogText.render(l, d.ansi()));
        d.out().flush();
    }
}
