package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.option.GlobalOptions;
import dev.gantry.spec.Rules;
import dev.gantry.spec.SpecSummary;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.ui.DiagnosticPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gantry validate}: checks spec files offline and says in plain words what each describes. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {ValidateCommand.SUMMARY,
                "Exit 0 when every file is valid (warnings allowed), 2 when any has an error."},
        footer = {"", "Examples:", "  gantry validate", "  gantry validate -f templates/*.yaml"})
public final class ValidateCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Check gantry.yaml files (spec version 1 or 2) without touching AWS, and summarise what each describes.";

    @picocli.CommandLine.ParentCommand GantryCommand parent;
    @Mixin GlobalOptions global = new GlobalOptions();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Spec file to check; repeatable. Default: gantry.yaml in the current directory.")
    List<Path> files = new ArrayList<>();

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "More spec files (so -f templates/*.yaml works).")
    List<Path> more = new ArrayList<>();

    @Override public ExitCode call() {
        CommandContext cli = parent.context();
        PrintWriter out = cli.writer();
        PrintWriter err = cli.errWriter();
        DiagnosticPrinter printer = new DiagnosticPrinter(err, cli.ansi(global.noColor).enabled());
        if (global.region() != null) {
            Rules.Problem p = SpecLoader.checkRegion(global.region());
            if (p != null) throw CommandFailure.of(ExitCode.INVALID_INPUT, "--region: " + p.message(), p.fix());
        }
        List<Path> all = new ArrayList<>(files);
        all.addAll(more);
        if (all.isEmpty()) all.add(Path.of("gantry.yaml"));
        ExitCode exit = ExitCode.OK;
        for (Path file : all) {
            SpecLoader.Result r = SpecLoader.check(file);
            if (r.valid()) {
                out.println(file + ": valid");
                List<String> environments = r.environments().names();
                if (environments.isEmpty()) out.println(SpecSummary.describe(r.spec()));
                // Each environment is a stack of its own: describe each, not only the first.
                for (String env : environments) out.println("Environment " + env + ": " + SpecSummary.describe(SpecLoader.check(file, env, null).spec()));
                out.flush();
                printer.printAll(r.warnings());
            } else {
                printer.printAll(r.diagnostics());
                int errors = r.errors().size();
                err.println(file + ": " + errors + (errors == 1 ? " error" : " errors"));
                err.flush();
                exit = ExitCode.INVALID_INPUT;
            }
        }
        return exit;
    }
}
