package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;

@Command(name = "guard", mixinStandardHelpOptions = true,
        description = {GuardCommand.SUMMARY,
                "The guard runs in your account (guard in gantry.yaml): it puts back what was deleted or changed by hand between applies,"
                        + " or only reports it."},
        subcommands = {GuardStatusCommand.class})
public final class GuardCommand implements java.util.concurrent.Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Show what the guard did: its last run, what it repaired and reported, its schedule.";

    @ParentCommand GantryCommand parent;
    @picocli.CommandLine.Spec CommandSpec command;

    CommandContext context() { return parent.context(); }

    @Override public ExitCode call() {
        command.commandLine().usage(command.commandLine().getOut());
        return ExitCode.OK;
    }
}
