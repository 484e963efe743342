package dev.gantry.cli.command;

import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.option.GlobalOptions;
import dev.gantry.spec.yaml.SpecSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code gantry schema}: the JSON Schema of gantry.yaml, for editors. */
@Command(name = "schema",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {SchemaCommand.SUMMARY,
                "Editors with the YAML language server use it for completion and checks: the first line of a",
                "spec written by gantry points at ./gantry.schema.json."},
        footer = {"", "Example:", "  gantry schema > gantry.schema.json"})
public final class SchemaCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Print the JSON Schema (draft-07) of gantry.yaml, spec versions 1 and 2.";

    @picocli.CommandLine.ParentCommand GantryCommand parent;
    @Mixin GlobalOptions global = new GlobalOptions();

    @Override public ExitCode call() {
        java.io.PrintWriter out = parent.context().writer();
        out.print(SpecSchema.json());
        out.flush();
        return ExitCode.OK;
    }
}
