package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.option.GlobalOptions;
import dev.gantry.cli.option.SpecFileOption;
import dev.gantry.cli.wiring.PreviewLookup;
import dev.gantry.ops.CostEstimates;
import dev.gantry.spec.Environment;
import dev.gantry.spec.Environments;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.spec.yaml.SpecLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "envs", mixinStandardHelpOptions = true,
        description = {EnvsCommand.SUMMARY,
                "The environments gantry.yaml names, then the preview environments found in their accounts (by their tags),",
                "each with its age and its monthly estimate, so none is forgotten."},
        footer = {"", "Examples:", "  gantry envs", "  gantry destroy --env pr-123 --yes"})
public final class EnvsCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "List the environments and the preview environments, with age and monthly cost.";

    @ParentCommand GantryCommand parent;
    @Mixin GlobalOptions global;
    @Mixin SpecFileOption specFile = new SpecFileOption();

    @Override public ExitCode call() throws SpecException {
        CommandContext cli = parent.context();
        SpecLoader.Result r = SpecLoader.check(specFile.path());
        r.warnings().forEach(d -> cli.errWriter().println(d.render()));
        if (!r.valid()) throw new SpecException(r.errors());
        Environments envs = r.environments();
        if (!envs.defined()) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, specFile.path() + " names no environments",
                    "add environments: to " + specFile.path() + " (README, Environments)");
        }
        var out = cli.writer();
        out.println(String.format(Locale.ROOT, "%-16s %-28s %-22s %s", "ENVIRONMENT", "AWS NAME", "ACCOUNT", "MONTHLY"));
        for (Environment env : envs.all()) {
            Spec spec = SpecLoader.check(specFile.path(), env.name(), null).spec();
            out.println(String.format(Locale.ROOT, "%-16s %-28s %-22s %s", env.name() + (env.isDefault() ? " *" : ""), spec.app(),
                    account(env), money(CostEstimates.of(spec).monthlyUsd())));
        }
        List<PreviewLookup.Found> previews = PreviewLookup.all(cli, global, specFile.path(), envs);
        out.println();
        if (previews.isEmpty()) {
            out.println("No preview environments (make one with 'gantry apply --env pr-123 --from " + envs.all().get(0).name() + "').");
            return ExitCode.OK;
        }
        out.println(String.format(Locale.ROOT, "%-16s %-28s %-12s %-10s %s", "PREVIEW", "AWS NAME", "FROM", "AGE", "MONTHLY"));
        for (PreviewLookup.Found f : previews) {
            Spec spec = SpecLoader.check(specFile.path(), f.preview().name(), f.from().name()).spec();
            String age = f.preview().since() == null ? "not running" : age(Duration.between(f.preview().since(), f.now()));
            out.println(String.format(Locale.ROOT, "%-16s %-28s %-12s %-10s %s", f.preview().name(), f.preview().app(), f.from().name(), age,
                    spec == null ? "?" : money(CostEstimates.of(spec).monthlyUsd())));
        }
        out.println();
        out.println("Remove one with 'gantry destroy --env NAME" + global.givenAccount() + "'.");
        return ExitCode.OK;
    }

    private static String account(Environment env) {
        if (env.account() == null) return "(credentials given)";
        return env.accountIsId() ? env.account() : "profile " + env.account();
    }

    private static String money(double usd) { return String.format(Locale.ROOT, "about $%,.2f", usd); }

    static String age(Duration d) {
        if (d.isNegative()) d = Duration.ZERO;
        if (d.toDays() > 0) return d.toDays() + "d " + d.toHoursPart() + "h";
        if (d.toHours() > 0) return d.toHours() + "h " + d.toMinutesPart() + "m";
        return d.toMinutes() + "m";
    }
}
