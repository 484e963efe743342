package dev.gantry.cli.edge;

import dev.gantry.aws.AwsFailure;
import dev.gantry.engine.ApplyResult;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A command that cannot go on, for reasons it can name (a flag that makes no sense, a refusal, an
 * AWS failure worded with the options given): it throws this instead of printing, {@link Failures}
 * prints it like every other failure and {@code Main} exits with its {@link #exit() row}. Each line
 * is {@code SUBJECT: message} (the subject is {@code gantry} unless said otherwise), then the fix.
 */
public final class CommandFailure extends RuntimeException {
    /** One failure line; {@code fix} may be null. */
    public record Line(String subject, String message, String fix) {}

    private final ExitCode exit;
    private final List<Line> lines;

    public CommandFailure(ExitCode exit, List<Line> lines) {
        super(lines.isEmpty() ? exit.name() : lines.get(0).message(), null, false, false);
        this.exit = exit;
        this.lines = List.copyOf(lines);
    }

    /** Bad input (exit 2): one line per problem. */
    public static CommandFailure input(List<String> problems) {
        return new CommandFailure(ExitCode.INVALID_INPUT, problems.stream().map(p -> new Line(Failures.SUBJECT, p, null)).toList());
    }

    public static CommandFailure input(String problem) { return input(List.of(problem)); }

    public static CommandFailure of(ExitCode exit, String message, String fix) {
        return new CommandFailure(exit, List.of(new Line(Failures.SUBJECT, message, fix)));
    }

    /** An AWS failure with the gantry commands its message and fix suggest completed by {@code words}. */
    public static CommandFailure aws(AwsFailure f, UnaryOperator<String> words) {
        return aws(f, words, ExitCode.of(ApplyResult.Exit.failed(f.kind())));
    }

    /** The same, ending on the row given. */
    public static CommandFailure aws(AwsFailure f, UnaryOperator<String> words, ExitCode exit) {
        return of(exit, words.apply(f.getMessage()), f.fix() == null ? null : words.apply(f.fix()));
    }

    public ExitCode exit() { return exit; }

    public List<Line> lines() { return lines; }
}
