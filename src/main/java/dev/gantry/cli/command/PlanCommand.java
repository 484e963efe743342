package dev.gantry.cli.command;

import dev.gantry.aws.AwsFailure;
import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.option.AppOptions;
import dev.gantry.cli.option.OutputOption;
import dev.gantry.cli.option.ShellWords;
import dev.gantry.cli.option.SpecFileOption;
import dev.gantry.cli.wiring.Wiring;
import dev.gantry.cli.wiring.Session;
import dev.gantry.cli.wiring.SpecFile;
import dev.gantry.engine.ApplyListener;
import dev.gantry.engine.Engine;
import dev.gantry.plan.Plan;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.ui.NextCommands;
import dev.gantry.ui.PlanJson;
import dev.gantry.ui.line.PlanText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

@Command(name = "plan", mixinStandardHelpOptions = true, modelTransformer = PlanCommand.PieceHelp.class,
        description = {PlanCommand.SUMMARY,
                "Changes nothing. Exit 0, or with --detailed-exitcode: 0 no changes, 3 changes pending; 2 when a name gantry.yaml wants is taken (a conflict)."})
public final class PlanCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Show what apply would change: reads what exists in AWS (found by tags), compares it with the spec.";

    /** The help ends with the plan's piece headings and what a Kubernetes user knows each as. */
    public static final class PieceHelp implements picocli.CommandLine.IModelTransformer {
        @Override public picocli.CommandLine.Model.CommandSpec transform(picocli.CommandLine.Model.CommandSpec spec) {
            java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of("", "The plan is grouped by piece; in Kubernetes terms:"));
            for (dev.gantry.plan.Piece p : dev.gantry.plan.Piece.values()) {
                lines.add(String.format("  %-14s %s", p.title(), p.kubernetes()).replace("%", "%%"));
            }
            spec.usageMessage().footer(lines.toArray(String[]::new));
            return spec;
        }
    }

    @ParentCommand GantryCommand parent;
    @Mixin AppOptions global;

    @Mixin SpecFileOption specFile;

    @Option(names = "--from", paramLabel = "ENV",
            description = "With --env NAME that gantry.yaml does not list: plan the preview environment NAME, made from ENV's settings.")
    String from;

    @Mixin OutputOption output;

    @Option(names = "--adopt", paramLabel = "ADDRESS|all", description = "Preview 'apply --adopt': show what taking these over would change.")
    java.util.List<String> adopt = new java.util.ArrayList<>();

    @Option(names = "--detailed-exitcode", description = "Exit 3 when there are changes to apply.")
    boolean detailedExitCode;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Save the plan to FILE: 'gantry apply FILE' then applies exactly this plan, or nothing if AWS or the spec moved on.")
    java.nio.file.Path out;

    @Option(names = "--skip-image-check", description = "Do not ask the image's registry whether the image can be pulled (air-gapped machines).")
    boolean skipImageCheck;

    @Option(names = "--image", paramLabel = "REF", description = "Preview 'apply --image REF': deploy this already-pushed image instead of the spec's.")
    String image;
    @Option(names = "--secret", paramLabel = "NAME=@FILE",
            description = "A new value of a managed secret, read from FILE (or set GANTRY_SECRET_NAME): the plan shows 'value: (changed)' when it differs.")
    java.util.List<String> secrets = new java.util.ArrayList<>();
    private void save(CommandContext cli, Plan plan, String account, String region, String given) {
        try {
            SavedPlan.of(plan, region, account, global.simulate, specFile.path(), adopt,
                    java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                    PlanText.render(plan, dev.gantry.ui.Ansi.NONE)).write(out);
        } catch (java.io.IOException e) {
            throw CommandFailure.of(ExitCode.FAILED, "could not save the plan to " + out + ": " + e.getMessage(), "check the folder exists and can be written");
        }
        // Status lines go to stderr: with --output json, stdout stays the plan alone.
        cli.err().println("Saved the plan to " + out + ". To apply exactly this plan: "
                + NextCommands.complete("'gantry apply " + ShellWords.quote(out.toString()) + "'", given));
    }

    @Override public ExitCode call() throws SpecException {
        CommandContext cli = parent.context();
        Spec spec = Wiring.withImage(SpecFile.load(specFile.path(), global, cli, SpecFile.Use.READS, from), image);
        String given = global.given(specFile.path());
        var builds = Wiring.builder(cli, global, spec);
        // The values apply would be given (never a prompt: plan asks nothing), checked as apply checks them.
        java.util.List<String> problems = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.TreeSet<>(spec.managedSecrets().keySet());
        names.addAll(spec.registryLoginValueNames());
        SecretInputs values = new SecretInputs(SecretInputs.parse(secrets, names, problems), cli.env(), null);
        if (problems.isEmpty()) problems.addAll(values.readGiven(names));
        if (!problems.isEmpty()) throw CommandFailure.input(problems);
        try (Session session = Wiring.open(cli, global, spec)) {
            Engine engine = Wiring.engine(session, values, ApplyListener.NONE).building(builds);
            if (!skipImageCheck) {
                var image = engine.checkingImages(Wiring.imageCheck(session), false).checkImage(spec).orElseThrow();
                image.notes().forEach(n -> cli.err().println("note: " + n));
                if (!image.ok()) throw CommandFailure.input(image.problems());
            }
            Plan plan = engine.plan(spec, java.util.Set.copyOf(adopt));
            if (!output.json()) engine.imageStory(spec, plan).ifPresent(s -> cli.out().println(s + "\n"));
            cli.out().print(output.json() ? PlanJson.render(plan) + "\n" : cli.wrapped(NextCommands.complete(PlanText.render(plan, cli.ansi(global.noColor), dev.gantry.cost.Prices.embedded()), given)));
            // apply would refuse this plan: so does a CI step that runs plan first.
            if (!plan.conflicts().isEmpty()) return ExitCode.INVALID_INPUT;
            // The saved plan names its spec: the command to apply it needs only the account's options.
            if (out != null) save(cli, plan, engine.accountId(), spec.region(), global.givenAccount());
            return detailedExitCode && plan.hasChanges() ? ExitCode.CHANGES_PENDING : ExitCode.OK;
        } catch (AwsFailure f) {
            UnaryOperator<String> words = text -> NextCommands.complete(text, given);
            // An --adopt that names nothing adoptable is the person's input (Kind.INPUT: exit 2), not AWS's failure.
            throw CommandFailure.aws(f, words);
        }
    }
}
