package dev.gantry.cli.command;

import dev.gantry.cli.edge.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.gantry.spec.Regions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.Callable;

/**
 * {@code gantry completion bash|zsh|fish}: a script that teaches the shell gantry's commands,
 * options, their fixed values and where a file is wanted. bash's comes from picocli's generator
 * ({@link AutoComplete}); zsh runs that same script through its bash compatibility layer (the
 * script turns it on itself); fish has no such layer, so {@link FishCompletion} writes its own.
 */
@Command(name = "completion",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {CompletionCommand.SUMMARY,
                "Load it in your shell's start-up file (install.sh prints the line for yours):"},
        footer = {"", "Examples:",
                "  bash: echo 'source <(gantry completion bash)' >> ~/.bashrc",
                "  zsh:  echo 'source <(gantry completion zsh)' >> ~/.zshrc",
                "  fish: gantry completion fish > ~/.config/fish/completions/gantry.fish"})
public final class CompletionCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Print a shell completion script for bash, zsh or fish.";

    /** The shells a script can be written for. */
    public enum Shell { bash, zsh, fish }

    @CommandLine.ParentCommand GantryCommand parent;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish.")
    Shell shell;

    @Override public ExitCode call() {
        PrintWriter out = parent.context().writer();
        out.print(script(shell, Commands.eager(parent.context())));
        out.flush();
        return ExitCode.OK;
    }

    /** The script for {@code shell}, describing every command of {@code gantry}. */
    static String script(Shell shell, CommandLine gantry) {
        withValues(gantry.getCommandSpec());
        return switch (shell) {
            case bash, zsh -> ownHeader(AutoComplete.bash("gantry", gantry), shell);
            case fish -> FishCompletion.script(gantry.getCommandSpec());
        };
    }

    /**
     * picocli's script with gantry's own installation note instead of picocli's general one (which
     * tells how to install picocli scripts kept in files).
     */
    private static String ownHeader(String script, Shell shell) {
        int from = script.indexOf("# Installation");
        int to = script.indexOf("# References");
        String rc = shell == Shell.zsh ? "~/.zshrc" : "~/.bashrc";
        String own = "# Written by 'gantry completion " + shell + "' with picocli's generator. To load it, add to " + rc + ":\n"
                + "#   source <(gantry completion " + shell + ")\n"
                + (shell == Shell.zsh ? "# zsh runs it through its bash compatibility (bashcompinit), which the script turns on.\n" : "")
                + "#\n";
        String body = from < 0 || to < from ? script : script.substring(0, from) + own + script.substring(to);
        return shell == Shell.zsh ? body.replaceFirst("^#!/usr/bin/env bash", "#!/usr/bin/env zsh").replace("gantry Bash Completion", "gantry zsh Completion") : body;
    }

    /** A value label made only of the values themselves ("new|default|existing", "text|json"). */
    private static final Pattern LITERALS = Pattern.compile("[a-z0-9][A-Za-z0-9_]*(\\|[a-z0-9][A-Za-z0-9_]*)+");

    /**
     * Gives each option whose value is one of a few fixed words those words to complete, read from
     * its label ({@code --nat none|single|perAz}), and {@code --region} the regions gantry knows:
     * gantry's options are strings checked by the wizard's rules, so picocli cannot see the values.
     */
    private static void withValues(CommandSpec spec) {
        for (OptionSpec o : List.copyOf(spec.options())) {
            if (o.arity().max() == 0) continue;
            List<String> values = null;
            if (LITERALS.matcher(o.paramLabel()).matches()) values = List.of(o.paramLabel().split("\\|"));
            else if (o.longestName().equals("--region")) values = Regions.KNOWN;
            if (values == null) continue;
            spec.remove(o);
            spec.addOption(o.toBuilder().completionCandidates(values).build());
        }
        for (CommandLine sub : spec.subcommands().values()) withValues(sub.getCommandSpec());
    }
}
