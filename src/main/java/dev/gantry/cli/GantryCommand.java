package dev.gantry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; subcommands are registered here and nowhere else. */
@Command(name = "gantry",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "From an empty AWS account to a production-ready container on ECS Fargate.",
        subcommands = {CommandLine.HelpCommand.class, InitCommand.class})
public final class GantryCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
