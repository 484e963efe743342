package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; its subcommands are listed in {@link Commands}, which adds them per run. */
@Command(name = "gantry",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = GantryCommand.DESCRIPTION)
public final class GantryCommand implements java.util.concurrent.Callable<ExitCode> {
    /** Also printed by {@link TopLevelHelp}, which answers {@code gantry --help} without building this model. */
    static final String DESCRIPTION = "From an empty AWS account to a production-ready container on ECS Fargate.";

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final CommandContext context;

    /** The run's one context, which every subcommand reaches through its parent. */
    public GantryCommand(CommandContext context) { this.context = context; }

    public CommandContext context() { return context; }

    /** Bare {@code gantry}: the usage (Main answers it through {@link TopLevelHelp}; the same text). */
    @Override public ExitCode call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
