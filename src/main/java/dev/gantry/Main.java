package dev.gantry;

import dev.gantry.aws.AwsFailure;
import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.edge.Failures;
import dev.gantry.cli.command.TopLevelHelp;
import dev.gantry.cli.command.VersionProvider;
import dev.gantry.cli.command.Commands;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.SpecException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The process entry: builds the one {@link CommandContext}, runs the command
 * line, and is the one place where how a command ended (the {@link ExitCode} it returned, or what it
 * threw) becomes the process's exit status.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** This process's streams, environment and terminal. */
    public static int run(String... args) {
        // Answered before the context is built: start-up is the whole cost.
        if (VersionProvider.asked(args)) return version(new PrintWriter(System.out, true));
        return run(CommandContext.system(), args);
    }

    /** The same, in the context given (tests bring their own streams, environment and terminal). */
    public static int run(CommandContext context, String... args) {
        if (VersionProvider.asked(args)) return version(context.writer());
        if (TopLevelHelp.asked(args)) return help(context.writer(), colour(context));
        return execute(context, Commands.commandLine(context, args), args);
    }

    /** Runs {@code cl} on {@code args} in the context, with gantry's usage errors, failures and exit codes. */
    public static int execute(CommandContext context, CommandLine cl, String... args) {
        cl.setOut(context.writer());
        cl.setErr(context.errWriter());
        // picocli's usage and errors follow the context's one colour rule, not picocli's own test.
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(colour(context) ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        Handlers handlers = new Handlers();
        cl.setParameterExceptionHandler(handlers);
        cl.setExecutionExceptionHandler(handlers);
        cl.setExecutionStrategy(handlers);
        return cl.execute(args);
    }

    /**
     * Main's handlers as a class, not method references: picocli's interfaces have an old class-file
     * version, which install.sh's class-data archive cannot hold once a lambda has linked them, so
     * as lambdas they (and picocli's classes implementing them) were read from the jar on every run.
     */
    private static final class Handlers implements CommandLine.IParameterExceptionHandler,
            CommandLine.IExecutionExceptionHandler, CommandLine.IExecutionStrategy {
        @Override public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            return usageError(ex, args);
        }

        @Override public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
            return failure(ex, cmd, parsed);
        }

        @Override public int execute(CommandLine.ParseResult parsed) { return ended(parsed); }
    }

    private static int version(PrintWriter out) {
        out.println(VersionProvider.text());
        return ExitCode.OK.code();
    }

    /** {@code gantry}, {@code -h}, {@code --help}: picocli's usage text, written without building its model. */
    private static int help(PrintWriter out, boolean colour) {
        out.print(TopLevelHelp.text(colour));
        out.flush();
        return ExitCode.OK.code();
    }

    /** Whether help and usage are coloured: the same rule as every other output ({@code cli.edge.TerminalFacts}). */
    private static boolean colour(CommandContext context) { return context.ansi(false).enabled(); }

    /** Runs the command picocli parsed; the {@link ExitCode} it returns is the exit status (help and usage: picocli's). */
    static int ended(CommandLine.ParseResult parsed) {
        int shown = new CommandLine.RunLast().execute(parsed);
        java.util.List<CommandLine> run = parsed.asCommandLineList();
        Object ended = run.get(run.size() - 1).getExecutionResult();
        return ended instanceof ExitCode e ? e.code() : shown;
    }

    /** A wrong flag or argument: say which, suggest the near miss, point at --help; never the whole usage. */
    static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        Failures.say(err, ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCode.INVALID_INPUT.code();
    }

    /** Anything a command throws becomes its failure lines (no stack trace) and the table's exit code. */
    static int failure(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        Failures.print(cmd.getErr(), ex);
        return exitFor(ex).code();
    }

    /** Which row of the exit-code table a failure is. */
    public static ExitCode exitFor(Throwable ex) {
        if (ex instanceof CommandFailure cf) return cf.exit();
        if (ex instanceof SpecException) return ExitCode.INVALID_INPUT;
        if (ex instanceof AwsFailure af) return ExitCode.of(ApplyResult.Exit.failed(af.kind()));
        if (ex instanceof InterruptedException) return ExitCode.INTERRUPTED;
        return ExitCode.FAILED;
    }
}
