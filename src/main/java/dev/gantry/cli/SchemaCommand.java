package dev.gantry.cli;

import dev.gantry.spec.yaml.SpecSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code gantry schema}: the JSON Schema of gantry.yaml, for editors. */
@Command(name = "schema",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {SchemaCommand.SUMMARY,
                "Editors with the YAML language server use it for completion and checks: the first line of a",
                "spec written by gantry points at ./gantry.schema.json."},
        footer = {"", "Example:", "  gantry schema > gantry.schema.json"})
public final class SchemaCommand implements Callable<Integer> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Print the JSON Schema (draft-07) of gantry.yaml, spec version 1.";

    @Mixin GlobalOptions global = new GlobalOptions();

    @Spec CommandSpec spec;

    @Override public Integer call() {
        spec.commandLine().getOut().print(SpecSchema.json());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
