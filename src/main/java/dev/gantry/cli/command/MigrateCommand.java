package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.option.GlobalOptions;
import dev.gantry.cli.option.SpecFileOption;
import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.SpecException;
import dev.gantry.spec.yaml.SpecMigration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gantry migrate}: rewrites a version-1 gantry.yaml as version 2, one service named after the app. */
@Command(name = "migrate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {MigrateCommand.SUMMARY,
                "task and service move under services.APP, loadBalancer's health check under its public, dns.record",
                "becomes its route; every comment is kept and the old file is kept beside it as FILE.v1. The service",
                "keeps its AWS names, so the next plan for a running stack is empty. Touches no AWS."},
        footer = {"", "Example:", "  gantry migrate -f gantry.yaml && gantry plan"})
public final class MigrateCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Rewrite a version-1 gantry.yaml as version 2 (several services), keeping comments.";

    @picocli.CommandLine.ParentCommand GantryCommand parent;
    @Mixin GlobalOptions global = new GlobalOptions();
    @Mixin SpecFileOption spec = new SpecFileOption();

    @Override public ExitCode call() throws SpecException, IOException {
        CommandContext cli = parent.context();
        Path file = spec.path();
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            dev.gantry.spec.yaml.SpecLoader.Result r = dev.gantry.spec.yaml.SpecLoader.check(file);
            throw new SpecException(r.errors());
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String migrated = SpecMigration.toVersion2(name, text);
        Path old = file.resolveSibling(file.getFileName() + ".v1");
        if (Files.exists(old)) {
            throw new SpecException(List.of(Diagnostic.error(old.toString(), 0, 0, "", "a file named " + old.getFileName()
                    + " is already there, and migrate keeps the old spec under that name", "move it away, then run gantry migrate again")));
        }
        Files.copy(file, old, StandardCopyOption.COPY_ATTRIBUTES);
        Path tmp = file.resolveSibling(file.getFileName() + ".migrating");
        Files.writeString(tmp, migrated, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        PrintWriter out = cli.writer();
        out.println(name + ": now version 2, with one service named after the app (it keeps its AWS names, so a running stack"
                + " plans no change); the version-1 file is kept as " + old);
        out.flush();
        return ExitCode.OK;
    }
}
