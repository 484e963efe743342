package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;
import dev.gantry.cli.edge.ExitCode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Subcommands are built only when run; what users see must not change because of it. */
class CommandsTest {
    private Captured io = new Captured(Map.of());

    private int run(String... args) {
        return io.gantry(args);
    }

    private static String usage(CommandLine cl) { return usage(cl, CommandLine.Help.Ansi.OFF); }

    private static String usage(CommandLine cl, CommandLine.Help.Ansi ansi) {
        StringWriter w = new StringWriter();
        cl.usage(new PrintWriter(w, true), ansi);
        return w.toString();
    }

    @Test
    void topLevelHelpWithStandInsIsTheFullCommandsHelp() {
        String eager = usage(Commands.eager(new Captured(Map.of()).context));
        assertThat(eager).contains("plan", "apply", "destroy", "secrets", "help");
        assertThat(usage(Commands.commandLine(new Captured(Map.of()).context, "--help"))).isEqualTo(eager);
        assertThat(run("--help")).isZero();
        assertThat(io.out()).contains("Show what apply would change");
    }

    @Test
    void onlyTheNamedSubcommandIsBuiltForReal() {
        CommandLine cl = Commands.commandLine(new Captured(Map.of()).context, "--simulate", "plan", "-f", "x.yaml");
        assertThat((Object) cl.getSubcommands().get("plan").getCommand()).isInstanceOf(PlanCommand.class);
        Object apply = cl.getSubcommands().get("apply").getCommandSpec().userObject();
        assertThat(apply).isNull();
        assertThat(cl.getSubcommands().get("apply").getCommandSpec().options()).isEmpty();
    }

    @Test
    void aSubcommandNamedFirstIsBuiltAloneAndItsMistakesReadTheSame() {
        CommandLine cl = Commands.commandLine(new Captured(Map.of()).context, "validate", "-f", "x.yaml");
        assertThat(cl.getSubcommands().keySet()).containsExactly("validate");
        // what the user sees of a mistake in it does not depend on its siblings
        assertThat(run("logs", "--follw")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(io.err()).contains("Unknown option: '--follw'", "--follow", "gantry logs --help");
        assertThat(run("secrets", "st")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(io.err()).contains("secrets list");
    }

    @Test
    void helpForASubcommandAndTheSubcommandsOwnHelpAgree() {
        assertThat(run("help", "plan")).isZero();
        String viaHelp = io.out();
        io = new Captured(Map.of());
        assertThat(run("plan", "--help")).isZero();
        assertThat(viaHelp).contains("--detailed-exitcode").isEqualTo(io.out());
    }

    @Test
    void aMistypedSubcommandStillGetsTheSuggestion() {
        assertThat(run("pln")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(io.err()).contains("plan");
    }

    @Test
    void versionAnsweredWithoutPicocliIsWhatPicocliPrints() {
        assertThat(run("--version")).isZero();
        String quick = io.out();
        assertThat(quick).startsWith("gantry ").contains("spec version 1");
        StringWriter w = new StringWriter();
        CommandLine cl = Commands.eager(new Captured(Map.of()).context);
        cl.setOut(new PrintWriter(w, true));
        assertThat(cl.execute("--version")).isZero();
        assertThat(w.toString()).isEqualTo(quick);
        assertThat(VersionProvider.asked("plan", "--version")).isFalse();
    }

    @Test
    void topLevelHelpWithoutPicocliIsPicoclisUsageOfTheFullModelPlainAndColoured() {
        CommandLine full = Commands.eager(new Captured(Map.of()).context);
        assertThat(TopLevelHelp.text(false)).isEqualTo(usage(full, CommandLine.Help.Ansi.OFF));
        assertThat(TopLevelHelp.text(true)).isEqualTo(usage(full, CommandLine.Help.Ansi.ON)).contains("\u001B[1mvalidate");
    }

    @Test
    void gantryAloneAndItsHelpFlagsPrintThatUsage() {
        String picocli = usage(Commands.eager(new Captured(Map.of()).context));
        for (String[] args : new String[][] {{}, {"--help"}, {"-h"}}) {
            io.clear();
            assertThat(run(args)).isZero();
            assertThat(io.out()).isEqualTo(picocli);
        }
        assertThat(io.err()).isEmpty();
        assertThat(TopLevelHelp.asked("plan", "--help")).isFalse();
        assertThat(TopLevelHelp.asked("--help", "--version")).isFalse();
        assertThat(TopLevelHelp.asked("--helpx")).isFalse();
    }

    @Test
    void theSubcommandListMatchesTheAnnotations() {
        CommandLine full = Commands.eager(new Captured(Map.of()).context);
        assertThat(full.getSubcommands().keySet()).containsExactlyElementsOf(Commands.ALL.stream().map(Commands.Sub::name).toList());
        for (Commands.Sub sub : Commands.ALL) {
            CommandLine.Model.UsageMessageSpec usage = full.getSubcommands().get(sub.name()).getCommandSpec().usageMessage();
            // picocli lists a command by its header's first line, else its description's.
            String listed = usage.header().length > 0 ? usage.header()[0] : usage.description()[0];
            assertThat(listed).as(sub.name()).isEqualTo(sub.summary());
            assertThat(usage.hidden()).as(sub.name()).isFalse();
            assertThat(full.getSubcommands().get(sub.name()).getCommandSpec().aliases()).as(sub.name()).isEmpty();
        }
    }

    @Test
    void noOptionHasATypeWhoseConverterIsSkipped() {
        java.util.List<String> types = new java.util.ArrayList<>();
        java.util.Deque<CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(Commands.eager(new Captured(Map.of()).context)));
        while (!todo.isEmpty()) {
            CommandLine cl = todo.pop();
            for (CommandLine.Model.ArgSpec arg : cl.getCommandSpec().args()) {
                types.add(arg.type().getName());
                for (Class<?> aux : arg.auxiliaryTypes()) types.add(aux.getName());
            }
            todo.addAll(cl.getSubcommands().values());
        }
        assertThat(types).contains("java.nio.file.Path", "java.lang.String")
                .noneMatch(t -> t.matches(Commands.UNUSED_CONVERTERS));
        assertThat("java.time.Duration").matches(Commands.UNUSED_CONVERTERS);
    }
}
