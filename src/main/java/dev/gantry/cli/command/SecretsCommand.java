package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;

@Command(name = "secrets", mixinStandardHelpOptions = true,
        description = {SecretsCommand.SUMMARY},
        subcommands = {SecretsSetCommand.class, SecretsListCommand.class})
public final class SecretsCommand implements java.util.concurrent.Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Change or list the service's secrets (SSM SecureStrings); values are never shown.";

    @ParentCommand GantryCommand parent;
    @picocli.CommandLine.Spec CommandSpec command;

    CommandContext context() { return parent.context(); }

    @Override public ExitCode call() {
        command.commandLine().usage(command.commandLine().getOut());
        return ExitCode.OK;
    }
}
