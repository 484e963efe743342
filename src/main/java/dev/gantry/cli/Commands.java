package dev.gantry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;

/**
 * Builds the command line for one invocation, with only the subcommand it runs built for real.
 * picocli builds a command's model by reflecting over every option, mixin and nested command,
 * which for all of gantry's commands costs more than the JVM's own start; {@code gantry --version}
 * and {@code gantry --help} need none of that. The others are stand-ins that carry only their name
 * header and description (read from their {@code @Command}), which is all the top-level usage and the
 * "did you mean" suggestions use.
 */
public final class Commands {
    /** Every subcommand, in the order the usage lists them. */
    static final List<Class<?>> ALL = List.of(InitCommand.class, ValidateCommand.class, PlanCommand.class,
            ApplyCommand.class, DestroyCommand.class, StatusCommand.class, LogsCommand.class, SecretsCommand.class,
            SchemaCommand.class, CommandLine.HelpCommand.class);

    private Commands() {}

    /** The command line for {@code args}: the subcommand they name is real, the others stand-ins. */
    public static CommandLine commandLine(CommandContext context, String... args) {
        String wanted = firstWord(args);
        // "gantry help plan" shows plan's own usage, so help gets them all for real.
        boolean all = "help".equals(wanted);
        CommandLine cl = new CommandLine(new GantryCommand(context));
        for (Class<?> type : ALL) {
            Command c = type.getAnnotation(Command.class);
            if (all || c.name().equals(wanted)) cl.addSubcommand(c.name(), real(type));
            else cl.addSubcommand(c.name(), standIn(c));
        }
        return cl;
    }

    /** Every subcommand built for real, as picocli would from the annotations (tests compare). */
    static CommandLine eager(CommandContext context) {
        CommandLine cl = new CommandLine(new GantryCommand(context));
        for (Class<?> type : ALL) cl.addSubcommand(type.getAnnotation(Command.class).name(), real(type));
        return cl;
    }

    /**
     * A subcommand built as its own CommandLine: picocli applies a command's modelTransformer (init's
     * flag help from the questions, plan's piece help) only then, not to a class added as a subcommand.
     */
    private static CommandLine real(Class<?> type) { return new CommandLine(type); }

    private static CommandSpec standIn(Command c) {
        CommandSpec spec = CommandSpec.create().name(c.name()).aliases(c.aliases());
        spec.usageMessage().header(c.header()).description(c.description()).hidden(c.hidden());
        return spec;
    }

    /** The first argument that is not an option: the subcommand's name, if the user gave one. */
    private static String firstWord(String[] args) {
        for (String a : args) if (!a.startsWith("-")) return a;
        return null;
    }
}
