package dev.gantry.cli;

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

    private static String usage(CommandLine cl) {
        StringWriter w = new StringWriter();
        cl.usage(new PrintWriter(w, true), CommandLine.Help.Ansi.OFF);
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
}
