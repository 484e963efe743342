package dev.gantry;

import dev.gantry.aws.AwsFailure;
import dev.gantry.cli.DiagnosticPrinter;
import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.Failures;
import dev.gantry.cli.TopLevelHelp;
import dev.gantry.cli.VersionProvider;
import dev.gantry.cli.Commands;
import dev.gantry.spec.SpecException;
import picocli.CommandLine;

import java.io.PrintWriter;

/** The process entry: runs the command line and maps what a command throws to the exit-code table. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(java.util.Map<String, String> env, String... args) {
        return run(env, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(System.getenv(), out, err, args);
    }

    /** The same, with the output streams given (tests capture them). */
    public static int run(java.util.Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        if (VersionProvider.asked(args)) {
            out.println(VersionProvider.text());
            return ExitCodes.OK;
        }
        if (TopLevelHelp.asked(args)) {
            out.print(TopLevelHelp.text());
            out.flush();
            return ExitCodes.OK;
        }
        CommandLine cl = Commands.commandLine(env, args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler(Main::failure);
        return cl.execute(args);
    }

    /** A wrong flag or argument: say which, suggest the near miss, point at --help; never the whole usage. */
    static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        Failures.say(err, ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCodes.INVALID_INPUT;
    }

    /** Anything a command throws becomes one plain line (no stack trace) and the contract's exit code. */
    static int failure(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof SpecException se) {
            new DiagnosticPrinter(err, false).printAll(se.diagnostics());
            return ExitCodes.INVALID_INPUT;
        }
        if (ex instanceof AwsFailure af) {
            return Failures.aws(err, af);
        }
        if (ex instanceof InterruptedException) {
            Failures.say(err, "interrupted");
            err.flush();
            return ExitCodes.INTERRUPTED;
        }
        if (Boolean.getBoolean("gantry.debug")) ex.printStackTrace(err);
        String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
        Failures.say(err, message.lines().findFirst().orElse(message));
        err.flush();
        return ExitCodes.FAILED;
    }
}
