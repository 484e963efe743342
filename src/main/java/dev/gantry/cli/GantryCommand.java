package dev.gantry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; its subcommands are listed in {@link Commands}, which adds them per run. */
@Command(name = "gantry",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = GantryCommand.DESCRIPTION)
public final class GantryCommand implements Runnable {
    /** Also printed by {@link TopLevelHelp}, which answers {@code gantry --help} without building this model. */
    static final String DESCRIPTION = "From an empty AWS account to a production-ready container on ECS Fargate.";

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final java.util.Map<String, String> env;

    public GantryCommand() { this(System.getenv()); }

    /** {@code env} is injected so tests can point GANTRY_HOME and friends somewhere of their own. */
    public GantryCommand(java.util.Map<String, String> env) { this.env = java.util.Map.copyOf(env); }

    public java.util.Map<String, String> env() { return env; }

    /** Bare {@code gantry}: the usage (Main answers it through {@link TopLevelHelp}; the same text). */
    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
