package dev.gantry.cli.command;

import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.option.OutputOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code gantry show PLAN}: a saved plan, for review in CI; reads only the file, never AWS. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {ShowCommand.SUMMARY, "Reads only the file: no AWS call."},
        footer = {"", "Example (review in one CI step, apply in the next):",
                "  gantry plan -o plan.json && gantry show plan.json",
                "  gantry apply plan.json"})
public final class ShowCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Print a plan saved by 'gantry plan -o FILE': where it applies and what it changes.";

    @picocli.CommandLine.ParentCommand GantryCommand parent;
    @Mixin OutputOption output;

    @Parameters(paramLabel = "PLAN", description = "The file 'gantry plan -o' wrote.")
    Path file;

    @Override public ExitCode call() {
        SavedPlan saved = SavedPlan.read(file);
        java.io.PrintWriter out = parent.context().writer();
        if (output.json()) {
            out.println(saved.plan().toPrettyString());
        } else {
            out.println("Saved plan for " + saved.app() + " in " + saved.region() + ", account " + saved.account()
                    + (saved.simulated() ? " (simulated AWS)" : "") + ", made " + saved.createdAt() + " from " + saved.spec());
            if (!saved.adopt().isEmpty()) out.println("Takes over: " + String.join(", ", saved.adopt()));
            String moved = saved.specMovedOn();
            if (moved != null) out.println("note: " + moved + ": 'gantry apply " + file + "' will refuse it");
            out.println();
            out.print(saved.text());
            if (!saved.text().endsWith("\n")) out.println();
        }
        out.flush();
        return ExitCode.OK;
    }
}
