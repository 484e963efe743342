package dev.gantry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;

@Command(name = "secrets", mixinStandardHelpOptions = true,
        description = {"Change or list the service's secrets (SSM SecureStrings); values are never shown."},
        subcommands = {SecretsSetCommand.class, SecretsListCommand.class})
public final class SecretsCommand implements Runnable {
    @ParentCommand GantryCommand parent;
    @picocli.CommandLine.Spec CommandSpec command;

    CommandContext context() { return parent.context(); }

    @Override public void run() {
        command.commandLine().usage(command.commandLine().getOut());
    }
}
