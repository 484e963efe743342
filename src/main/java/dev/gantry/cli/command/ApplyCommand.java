package dev.gantry.cli.command;

import dev.gantry.cli.edge.Asking;
import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.edge.Interrupts;
import dev.gantry.cli.option.AppOptions;
import dev.gantry.cli.option.GlobalOptions;
import dev.gantry.cli.option.RunOptions;
import dev.gantry.cli.option.ShellWords;
import dev.gantry.cli.wiring.Wiring;
import dev.gantry.cli.wiring.Session;
import dev.gantry.cli.wiring.SimAccount;
import dev.gantry.cli.wiring.SpecFile;
import dev.gantry.cli.wiring.Views;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineOptions;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.ui.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {ApplyCommand.SUMMARY,
                "Re-running converges: nothing is duplicated, what was deleted by hand is recreated, an interrupted apply resumes."})
public final class ApplyCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Create or update everything the spec describes, then watch the ECS rollout.";

    @ParentCommand GantryCommand parent;
    @Mixin AppOptions global;

    @Mixin RunOptions run = new RunOptions();

    @Option(names = "--secret", paramLabel = "NAME=@FILE", description = "Value of a managed secret, read from FILE. Or set GANTRY_SECRET_NAME.")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--adopt", paramLabel = "ADDRESS|all",
            description = "Take over an existing resource that holds a name gantry.yaml wants (repeatable; 'all' for every one the plan shows as a conflict). Never another gantry app's.")
    List<String> adopt = new ArrayList<>();

    @Option(names = "--allow-replace", description = "Allow replacing the VPC or the load balancer: what is built on them is deleted and made again (downtime).")
    boolean allowReplace;

    @Option(names = "--skip-image-check", description = "Do not ask the image's registry whether the image can be pulled (air-gapped machines).")
    boolean skipImageCheck;

    @Option(names = "--pin-digest", description = "Deploy the digest the image's tag resolves to now, so a moved tag cannot change what runs.")
    boolean pinDigest;

    @Option(names = "--image", paramLabel = "REF",
            description = "Deploy this already-pushed image (by digest: REPO@sha256:…) instead of the spec's image or build, without editing gantry.yaml (CI that builds elsewhere).")
    String image;
    @Option(names = "--service", paramLabel = "NAME",
            description = "Apply only this service's own resources (spec version 2); the other services and the shared pieces are left as they are, and the plan lists what is not applied.")
    String service;

    @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "PLAN",
            description = "A plan saved by 'gantry plan -o PLAN': applies exactly that plan without asking again, or nothing (exit 2) if AWS or the spec moved on since.")
    java.nio.file.Path planFile;

    /** Values gantry already holds for this run (typed into the wizard just before "Save and apply"). */
    SecretValues preset = SecretValues.none();

    /**
     * On the simulated AWS a missing secret value gets a placeholder, so a rehearsal (and CI's demo)
     * runs without one; against real AWS apply stops instead and says how to give it.
     */
    private static SecretValues rehearsal(SecretValues given, java.io.PrintStream err) {
        java.util.Set<String> told = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return new SecretValues() {
            @Override public java.util.Optional<char[]> value(String name) { return given.value(name); }

            @Override public java.util.Optional<char[]> forNew(String name) {
                return given.forNew(name).or(() -> {
                    if (told.add(name)) {
                        err.println("note: no value for secret " + name + "; the simulated AWS stores a placeholder"
                                + " (against real AWS apply would stop and ask: --secret " + name + "=@FILE or GANTRY_SECRET_" + name + ")");
                    }
                    // The registry login must look like one (user:password) to pass the check of its form.
                    return java.util.Optional.of(((dev.gantry.spec.RegistryCredentials.isValueName(name) ? "simulated:" : "")
                            + "simulated-placeholder-" + name).toCharArray());
                });
            }
        };
    }

    /**
     * init's "Save and apply": this command's own run, on the file just written, with the secret
     * values typed in the wizard; {@code yes} when there is no terminal to ask again on.
     */
    static ExitCode afterWizard(CommandContext cli, GlobalOptions global, java.nio.file.Path file, boolean yes, SecretValues typed)
            throws SpecException {
        ApplyCommand apply = new ApplyCommand();
        apply.parent = new GantryCommand(cli);
        apply.global = global.forEnvironment(global.env);
        apply.run.specFile.file = file;
        apply.run.yes = yes;
        apply.preset = typed;
        return apply.call();
    }

    /**
     * {@code apply PLAN}: the spec, region and take-overs are the saved plan's; a spec that changed
     * since is refused here, before any AWS call. Returns the saved plan, or null without one.
     */
    private SavedPlan savedPlan() {
        if (planFile == null) return null;
        SavedPlan saved = SavedPlan.read(planFile);
        java.nio.file.Path given = run.specFile.path().toAbsolutePath().normalize();
        if (!run.specFile.path().equals(java.nio.file.Path.of("gantry.yaml")) && !given.equals(saved.spec())) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, planFile + " was made from " + saved.spec() + ", not " + given,
                    "leave out -f: a saved plan names its spec");
        }
        if (global.region != null && !global.region.equals(saved.region())) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, planFile + " is for region " + saved.region() + ", not " + global.region,
                    "leave out --region, or make a plan for " + global.region);
        }
        if (global.simulate != saved.simulated()) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, planFile + " was made " + (saved.simulated() ? "on the simulated AWS" : "against a real AWS account")
                    + ", and this run is " + (global.simulate ? "on the simulated AWS" : "against a real account"),
                    saved.simulated() ? "add --simulate" : "leave out --simulate");
        }
        String moved = saved.specMovedOn();
        if (moved != null) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "the saved plan is out of date: " + moved + "; nothing was applied",
                    "make and review a new one with 'gantry plan -o " + planFile + "'");
        }
        run.specFile.file = saved.spec();
        run.yes = true;
        adopt = new ArrayList<>(saved.adopt());
        return saved;
    }

    /** {@code --service NAME}: a service of the file, and not with a saved plan (which is applied whole). */
    private void checkService(Spec spec, boolean savedPlan) {
        if (service == null) return;
        if (savedPlan) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "--service cannot narrow a saved plan: it is applied exactly as it was shown",
                    "apply the saved plan whole, or leave out PLAN to apply --service on a fresh plan");
        }
        if (!spec.services().containsKey(service)) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "gantry.yaml has no service " + service + "; it has "
                    + String.join(", ", spec.services().keySet()), "use --service with one of those names, or leave it out");
        }
    }

    @Override public ExitCode call() throws SpecException {
        CommandContext cli = parent.context();
        SavedPlan saved = savedPlan();
        // The spec's own problems first: they are what the person came to fix.
        Spec spec = Wiring.withImage(SpecFile.load(run.specFile.path(), global, cli, SpecFile.Use.CHANGES, run.from), image);
        run.check("apply", cli.interactive());
        checkService(spec, saved != null);
        var builds = Wiring.builder(cli, global, spec);
        List<String> problems = new ArrayList<>();
        java.util.Set<String> names = new java.util.TreeSet<>(spec.managedSecrets().keySet());
        names.addAll(spec.registryLoginValueNames());
        var files = SecretInputs.parse(secrets, names, problems);
        if (!problems.isEmpty()) throw CommandFailure.input(problems);
        // Values are asked while the refresh reads them, so the reading line steps aside first.
        java.util.concurrent.atomic.AtomicReference<Session> opened = new java.util.concurrent.atomic.AtomicReference<>();
        SecretInputs inputs = new SecretInputs(files, cli.env(), cli.interactive() ? name -> {
            if (opened.get() != null) opened.get().reading().stepAside();
            return SecretPrompt.askChecked(cli.terminal(), name, cli.err());
        } : null);
        // Every value given is read and checked now: before a session, a lock or any change, and
        // before a signal handler would wait for a read that never ends (a FIFO nobody writes to).
        problems.addAll(inputs.readGiven(names));
        for (String name : names) {
            preset.value(name).map(v -> SecretLimits.check(name, "the value typed in the wizard for " + name, v)).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) throw CommandFailure.input(problems);
        SecretValues given = new SecretValues() {
            @Override public java.util.Optional<char[]> value(String name) { return preset.value(name).or(() -> inputs.value(name)); }
            @Override public java.util.Optional<char[]> forNew(String name) { return preset.value(name).or(() -> inputs.forNew(name)); }
        };
        SecretValues values = global.simulate ? rehearsal(given, cli.err()) : given;
        List<String> byHand = global.simulate ? SimAccount.validatedByHand(spec) : List.of();
        if (!byHand.isEmpty()) {
            cli.err().println(cli.wrapped("note: no Route53 zone of the spec holds " + String.join(", ", byHand) + ": against real AWS you add the"
                    + " certificate's validation record where that DNS is hosted (apply prints it); the simulated AWS acts as if you"
                    + " added it a minute after it is printed"));
        }
        // A saved plan is not resumed: what is left is a new plan's to say. Continuing a deploy of a
        // given image deploys that image again, never a build in its place.
        String resume = saved == null ? run.resume("apply", global) + (image == null ? "" : " --image " + ShellWords.quote(image))
                + (service == null ? "" : " --service " + service) + (skipImageCheck ? " --skip-image-check" : "")
                : "gantry plan" + run.given(global) + " -o " + ShellWords.quote(planFile.toString());
        try (Session session = Wiring.open(cli, global, spec)) {
            opened.set(session);
            Operation op = Operation.apply(spec.app(), spec.region()).withOptions(run.given(global));
            try (Views views = Wiring.views(op, run.json(), global, cli, session)) {
                Engine engine = Wiring.engine(session, values, views.listener()).building(builds);
                if (saved != null) {
                    if (!saved.account().equals(engine.accountId())) {
                        throw CommandFailure.of(ExitCode.INVALID_INPUT, planFile + " is for account " + saved.account()
                                + ", and these credentials are for account " + engine.accountId() + "; nothing was applied",
                                "use the profile the plan was made with (--profile), or make a plan for this account");
                    }
                    engine.applyingOnly(saved.resources());
                }
                if (!skipImageCheck) engine.checkingImages(Wiring.imageCheck(session), pinDigest);
                if (service != null) engine.narrowedTo(plan -> dev.gantry.engine.ServiceScope.narrowed(plan, spec, service));
                views.attach(engine);
                try (Interrupts interrupts = Interrupts.install(engine, cli.err())) {
                    EngineOptions options = new EngineOptions(allowReplace, run.forceUnlock,
                            views.confirmation(run.yes, "Apply these changes?", run.json()),
                            dev.gantry.engine.Machine.local(cli.env()), java.util.Set.of(), resume).adopting(java.util.Set.copyOf(adopt));
                    try {
                        ApplyResult result = engine.apply(spec, options);
                        return interrupts.exitCode(ExitCode.of(result.exit()));
                    } catch (Asking.Interrupted e) {
                        // At a prompt before any change (the secrets' check): nothing to finish or resume.
                        cli.err().println("Nothing was changed. To apply: " + resume);
                        return interrupts.exitCode(ExitCode.INTERRUPTED);
                    }
                }
            }
        }
    }
}
