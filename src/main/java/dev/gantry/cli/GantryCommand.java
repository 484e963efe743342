package dev.gantry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; its subcommands are listed in {@link Commands}, which adds them per run. */
@Command(name = "gantry",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "From an empty AWS account to a production-ready container on ECS Fargate.")
public final class GantryCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final CommandContext context;

    /** The run's one context, which every subcommand reaches through its parent. */
    public GantryCommand(CommandContext context) { this.context = context; }

    public CommandContext context() { return context; }

    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
