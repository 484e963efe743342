package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;

/**
 * Builds the command line for one invocation, with only the subcommand it runs built for real.
 * picocli builds a command's model by reflecting over every option, mixin and nested command,
 * which for all of gantry's commands costs more than the JVM's own start; {@code gantry --version}
 * and {@code gantry --help} need none of that. The others are stand-ins that carry only their name
 * and summary (from {@link #ALL}, not their annotations, which cost as much to read), which is all
 * the top-level usage and the "did you mean" suggestions use.
 */
public final class Commands {
    /**
     * A subcommand: its name, its summary (the first line of its description, a constant its
     * {@code @Command} uses too) and its class.
     */
    record Sub(String name, String summary, Class<?> type) {}

    /** Every subcommand, in the order the usage lists them (CommandsTest checks them against the annotations). */
    static final List<Sub> ALL = List.of(
            new Sub("init", InitCommand.SUMMARY, InitCommand.class),
            new Sub("validate", ValidateCommand.SUMMARY, ValidateCommand.class),
            new Sub("plan", PlanCommand.SUMMARY, PlanCommand.class),
            new Sub("apply", ApplyCommand.SUMMARY, ApplyCommand.class),
            new Sub("show", ShowCommand.SUMMARY, ShowCommand.class),
            new Sub("destroy", DestroyCommand.SUMMARY, DestroyCommand.class),
            new Sub("status", StatusCommand.SUMMARY, StatusCommand.class),
            new Sub("logs", LogsCommand.SUMMARY, LogsCommand.class),
            new Sub("run", RunCommand.SUMMARY, RunCommand.class),
            new Sub("history", HistoryCommand.SUMMARY, HistoryCommand.class),
            new Sub("rollback", RollbackCommand.SUMMARY, RollbackCommand.class),
            new Sub("promote", PromoteCommand.SUMMARY, PromoteCommand.class),
            new Sub("envs", EnvsCommand.SUMMARY, EnvsCommand.class),
            new Sub("exec", ExecCommand.SUMMARY, ExecCommand.class),
            new Sub("secrets", SecretsCommand.SUMMARY, SecretsCommand.class),
            new Sub("guard", GuardCommand.SUMMARY, GuardCommand.class),
            new Sub("schema", SchemaCommand.SUMMARY, SchemaCommand.class),
            new Sub("migrate", MigrateCommand.SUMMARY, MigrateCommand.class),
            new Sub("completion", CompletionCommand.SUMMARY, CompletionCommand.class),
            // picocli's own, with its own description
            new Sub("help", "Display help information about the specified command.", CommandLine.HelpCommand.class));

    private Commands() {}

    /**
     * The command line for {@code args}: the subcommand they name is real, the others stand-ins.
     * When the very first argument names a subcommand, the others are left out altogether: the
     * rest of the line is that subcommand's alone, and even a stand-in costs picocli a command line
     * of its own (each with its table of type converters, built by reflection).
     */
    public static CommandLine commandLine(CommandContext context, String... args) {
        skipUnusedPicocliFeatures();
        String wanted = firstWord(args);
        // "gantry help plan" shows plan's own usage, so help gets them all for real.
        boolean all = "help".equals(wanted);
        boolean alone = !all && args.length > 0 && args[0].equals(wanted) && ALL.stream().anyMatch(s -> s.name().equals(wanted));
        CommandLine cl = new CommandLine(new GantryCommand(context));
        for (Sub sub : ALL) {
            if (all || sub.name().equals(wanted)) cl.addSubcommand(sub.name(), real(sub.type()));
            else if (!alone) cl.addSubcommand(sub.name(), standIn(sub));
        }
        return cl;
    }

    /**
     * Types picocli converts without being asked, which none of gantry's options has (CommandsTest
     * checks). Every command line picocli builds registers a converter for each, found by reflection
     * and initialising the class (java.time's parse patterns and formatters): a tenth of
     * {@code gantry validate}'s time.
     */
    static final String UNUSED_CONVERTERS = "java\\.(sql|time)\\..*";

    /** picocli features gantry has no use for, which each run would otherwise pay for. */
    private static void skipUnusedPicocliFeatures() {
        setIfAbsent("picocli.converters.excludes", UNUSED_CONVERTERS);
        // Groovy closures in annotations: picocli looks for Groovy as it starts, a miss that searches
        // the whole class path (and so indexes gantry.jar, which the class-data archive spares).
        setIfAbsent("picocli.disable.closures", "true");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) System.setProperty(property, value);
    }

    /** Every subcommand built for real, as picocli would from the annotations (tests compare). */
    static CommandLine eager(CommandContext context) {
        CommandLine cl = new CommandLine(new GantryCommand(context));
        for (Sub sub : ALL) cl.addSubcommand(sub.type().getAnnotation(Command.class).name(), real(sub.type()));
        return cl;
    }

    /**
     * A subcommand built as its own CommandLine: picocli applies a command's modelTransformer (init's
     * flag help from the questions, plan's piece help) only then, not to a class added as a subcommand.
     */
    private static CommandLine real(Class<?> type) { return new CommandLine(type); }

    private static CommandSpec standIn(Sub sub) {
        CommandSpec spec = CommandSpec.create().name(sub.name());
        spec.usageMessage().description(sub.summary());
        return spec;
    }

    /** The first argument that is not an option: the subcommand's name, if the user gave one. */
    private static String firstWord(String[] args) {
        for (String a : args) if (!a.startsWith("-")) return a;
        return null;
    }
}
