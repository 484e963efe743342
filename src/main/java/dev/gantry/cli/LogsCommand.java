package dev.gantry.cli;

import dev.gantry.ops.LogCursor;
import dev.gantry.ops.LogFollow;
import dev.gantry.ops.LogLine;
import dev.gantry.ops.Since;
import dev.gantry.spec.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
public final class LogsCommand implements Callable<Integer> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Print the service's container output, task by task.";

    @ParentCommand GantryCommand parent;
    @Mixin GlobalOptions global;
    @picocli.CommandLine.Spec CommandSpec command;

    @Mixin SpecFileOption specFile;

    @Option(names = "--since", defaultValue = "10m", paramLabel = "SPAN|TIME",
            description = "Start this long ago (30s, 10m, 2h, 1d) or at this time (2026-01-31T09:30:00Z; no offset means UTC). Default: ${DEFAULT-VALUE}.")
    String since;

    @Option(names = "--follow", description = "Keep printing new lines until Ctrl-C.")
    boolean follow;

    @Option(names = "--task", paramLabel = "ID", description = "Only the task whose id starts with ID (the 8 characters in front of each line are enough).")
    String task;

    @Override public Integer call() {
        var out = command.commandLine().getOut();
        var err = command.commandLine().getErr();
        Spec spec = SpecFile.load(specFile.path(), global.region, err);
        if (spec == null) return ExitCodes.INVALID_INPUT;
        try {
            Since.parse(since, Instant.now());
        } catch (IllegalArgumentException e) {
            Failures.say(err, e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        return AppContext.inSession(global, specFile.path(), spec, parent.env(), out, err, d -> {
            CompletableFuture<Void> stop = new CompletableFuture<>();
            try (StopOnInterrupt ignored = follow ? StopOnInterrupt.install(() -> stop.complete(null)) : StopOnInterrupt.NONE) {
                return run(d, since, task, follow, stop);
            }
        });
    }

    /**
     * Prints the lines since {@code since}; with {@code follow}, keeps polling until {@code stop}
     * completes. Tests complete {@code stop} at a virtual time.
     */
    static int run(AppContext d, String since, String task, boolean follow, CompletableFuture<Void> stop) {
        Instant from;
        try {
            from = Since.parse(since, d.scheduler().now());
        } catch (IllegalArgumentException e) {
            Failures.say(d.err(), e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        d.checkCredentials();
        LogCursor cursor = new LogCursor(d.aws().logs(), logGroup(d.spec()), from, task);
        List<LogLine> first = cursor.next();
        print(d, first);
        if (!follow) {
            if (first.isEmpty()) {
                d.err().println("No log lines in " + cursor.group() + (task == null ? "" : " for task " + task) + " since " + StatusText.time(from)
                        + ". Try a longer --since, or --follow to wait for new ones.");
            }
            return ExitCodes.OK;
        }
        d.err().println("Following " + cursor.group() + " (Ctrl-C to stop)…");
        d.err().flush();
        LogFollow.run(cursor, d.scheduler(), LogFollow.INTERVAL, lines -> print(d, lines), stop);
        return ExitCodes.INTERRUPTED;
    }

    /** The awslogs group every gantry task definition writes to. */
    static String logGroup(Spec spec) { return "/gantry/" + spec.app(); }

    private static void print(AppContext d, List<LogLine> lines) {
        for (LogLine l : lines) d.out().println(LogText.render(l, d.ansi()));
        d.out().flush();
    }
}
