package dev.gantry.cli;

import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineOptions;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.ui.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Create or update everything the spec describes, then watch the ECS rollout.",
                "Re-running converges: nothing is duplicated, what was deleted by hand is recreated, an interrupted apply resumes."})
public final class ApplyCommand implements Callable<Integer> {
    @ParentCommand GantryCommand parent;
    @Mixin GlobalOptions global;

    @Option(names = {"-f", "--file"}, defaultValue = "gantry.yaml", paramLabel = "FILE", description = "The spec (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = {"-y", "--yes"}, description = "Apply without asking (CI).")
    boolean yes;

    @Option(names = "--secret", paramLabel = "NAME=@FILE", description = "Value of a managed secret, read from FILE. Or set GANTRY_SECRET_NAME.")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--allow-replace", description = "Allow replacing the VPC or the load balancer (downtime).")
    boolean allowReplace;

    @Option(names = "--force-unlock", description = "Break a lock left by an apply that died.")
    boolean forceUnlock;

    @Option(names = "--output", defaultValue = "text", paramLabel = "text|json", description = "text (default) or json: one JSON object per event.")
    String output;

    /** Values gantry already holds for this run (typed into the wizard just before "Save and apply"). */
    SecretValues preset = SecretValues.none();

    /**
     * On the simulated AWS a missing secret value gets a placeholder, so a rehearsal (and CI's demo)
     * runs without one; against real AWS apply stops instead and says how to give it.
     */
    private static SecretValues rehearsal(SecretValues given) {
        java.util.Set<String> told = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return new SecretValues() {
            @Override public java.util.Optional<char[]> value(String name) { return given.value(name); }

            @Override public java.util.Optional<char[]> forNew(String name) {
                return given.value(name).or(() -> {
                    if (told.add(name)) {
                        System.err.println("note: no value for secret " + name + "; the simulated AWS stores a placeholder"
                                + " (against real AWS apply would stop and ask: --secret " + name + "=@FILE or GANTRY_SECRET_" + name + ")");
                    }
                    return java.util.Optional.of(("simulated-placeholder-" + name).toCharArray());
                });
            }
        };
    }

    @Override public Integer call() {
        Map<String, String> env = parent.env();
        if (!output.equals("text") && !output.equals("json")) {
            System.err.println("--output must be text or json, not " + output);
            return ExitCodes.INVALID_INPUT;
        }
        Spec spec = SpecFile.load(file, global.region, System.err);
        if (spec == null) return ExitCodes.INVALID_INPUT;
        boolean interactive = EngineRun.interactive(env);
        if (!yes && !interactive) {
            System.err.println("apply needs confirmation, and there is no terminal to ask on: run again with --yes");
            return ExitCodes.INVALID_INPUT;
        }
        List<String> problems = new ArrayList<>();
        var files = SecretInputs.parse(secrets, spec.managedSecrets().keySet(), problems);
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("error: " + p));
            return ExitCodes.INVALID_INPUT;
        }
        SecretInputs inputs = new SecretInputs(files, env, interactive ? SecretPrompt::ask : null);
        SecretValues given = name -> preset.value(name).or(() -> inputs.value(name));
        SecretValues values = global.simulate ? rehearsal(given) : given;
        String resume = "gantry apply -f " + file + (global.simulate ? " --simulate" : "") + (yes ? " --yes" : "");
        try (Session session = EngineRun.open(global, spec, env)) {
            Operation op = Operation.apply(spec.app(), spec.region());
            try (Views views = new Views(op, output, global, env, session)) {
                Engine engine = EngineRun.engine(session, values, views.listener());
                views.attach(engine);
                try (Interrupts ignored = Interrupts.install(engine)) {
                    EngineOptions options = new EngineOptions(allowReplace, forceUnlock,
                            views.confirmation(yes, "Apply these changes?", output.equals("json")),
                            Holder.describe(env), java.util.Set.of(), resume)
                            .withStaleLockCheck(h -> Holder.deadHere(h, env));
                    ApplyResult result = engine.apply(spec, options);
                    return result.exitCode();
                }
            }
        }
    }
}
