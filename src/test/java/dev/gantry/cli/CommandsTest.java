package dev.gantry.cli;

import dev.gantry.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Subcommands are built only when run; what users see must not change because of it. */
class CommandsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static String usage(CommandLine cl) { return usage(cl, CommandLine.Help.Ansi.OFF); }

    private static String usage(CommandLine cl, CommandLine.Help.Ansi ansi) {
        StringWriter w = new StringWriter();
        cl.usage(new PrintWriter(w, true), ansi);
        return w.toString();
    }

    @Test
    void topLevelHelpWithStandInsIsTheFullCommandsHelp() {
        String eager = usage(Commands.eager(Map.of()));
        assertThat(eager).contains("plan", "apply", "destroy", "secrets", "help");
        assertThat(usage(Commands.commandLine(Map.of(), "--help"))).isEqualTo(eager);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Show what apply would change");
    }

    @Test
    void onlyTheNamedSubcommandIsBuiltForReal() {
        CommandLine cl = Commands.commandLine(Map.of(), "--simulate", "plan", "-f", "x.yaml");
        assertThat((Object) cl.getSubcommands().get("plan").getCommand()).isInstanceOf(PlanCommand.class);
        Object apply = cl.getSubcommands().get("apply").getCommandSpec().userObject();
        assertThat(apply).isNull();
        assertThat(cl.getSubcommands().get("apply").getCommandSpec().options()).isEmpty();
    }

    @Test
    void aSubcommandNamedFirstIsBuiltAloneAndItsMistakesReadTheSame() {
        CommandLine cl = Commands.commandLine(Map.of(), "validate", "-f", "x.yaml");
        assertThat(cl.getSubcommands().keySet()).containsExactly("validate");
        // what the user sees of a mistake in it does not depend on its siblings
        assertThat(run("logs", "--follw")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("Unknown option: '--follw'", "--follow", "gantry logs --help");
        assertThat(run("secrets", "st")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("secrets list");
    }

    @Test
    void helpForASubcommandAndTheSubcommandsOwnHelpAgree() {
        assertThat(run("help", "plan")).isZero();
        String viaHelp = out.toString();
        out.getBuffer().setLength(0);
        assertThat(run("plan", "--help")).isZero();
        assertThat(viaHelp).contains("--detailed-exitcode").isEqualTo(out.toString());
    }

    @Test
    void aMistypedSubcommandStillGetsTheSuggestion() {
        assertThat(run("pln")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("plan");
    }

    @Test
    void versionAnsweredWithoutPicocliIsWhatPicocliPrints() {
        assertThat(run("--version")).isZero();
        String quick = out.toString();
        assertThat(quick).startsWith("gantry ").contains("spec version 1");
        StringWriter w = new StringWriter();
        CommandLine cl = Commands.eager(Map.of());
        cl.setOut(new PrintWriter(w, true));
        assertThat(cl.execute("--version")).isZero();
        assertThat(w.toString()).isEqualTo(quick);
        assertThat(VersionProvider.asked("plan", "--version")).isFalse();
    }
    @Test
    void topLevelHelpWithoutPicocliIsPicoclisUsageOfTheFullModelPlainAndColoured() {
        CommandLine full = Commands.eager(Map.of());
        assertThat(TopLevelHelp.text(false)).isEqualTo(usage(full, CommandLine.Help.Ansi.OFF));
        assertThat(TopLevelHelp.text(true)).isEqualTo(usage(full, CommandLine.Help.Ansi.ON)).contains("\u001B[1mvalidate");
    }

    @Test
    void gantryAloneAndItsHelpFlagsPrintThatUsage() {
        String picocli = usage(Commands.eager(Map.of()));
        for (String[] args : new String[][] {{}, {"--help"}, {"-h"}}) {
            out.getBuffer().setLength(0);
            assertThat(run(args)).isZero();
            assertThat(out.toString()).isEqualTo(picocli);
        }
        assertThat(err.toString()).isEmpty();
        assertThat(TopLevelHelp.asked("plan", "--help")).isFalse();
        assertThat(TopLevelHelp.asked("--help", "--version")).isFalse();
        assertThat(TopLevelHelp.asked("--helpx")).isFalse();
    }

    @Test
    void theSubcommandListMatchesTheAnnotations() {
        CommandLine full = Commands.eager(Map.of());
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
        java.util.Deque<CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(Commands.eager(Map.of())));
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
