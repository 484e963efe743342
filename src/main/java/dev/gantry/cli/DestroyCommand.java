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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = {"Delete everything gantry created for the app, in reverse order, leaving nothing that costs money.",
                "Idempotent and resumable: run it again after an interruption."})
public final class DestroyCommand implements Callable<Integer> {
    @ParentCommand GantryCommand parent;
    @Mixin GlobalOptions global;

    @Option(names = {"-f", "--file"}, defaultValue = "gantry.yaml", paramLabel = "FILE", description = "The spec (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = {"-y", "--yes"}, description = "Destroy without asking (CI).")
    boolean yes;

    @Option(names = "--keep-secrets", description = "Keep the SSM parameters holding the secrets.")
    boolean keepSecrets;

    @Option(names = "--keep-logs", description = "Keep the CloudWatch log group.")
    boolean keepLogs;

    @Option(names = "--force-unlock", description = "Break a lock left by a run that died.")
    boolean forceUnlock;

    @Option(names = "--output", defaultValue = "text", paramLabel = "text|json", description = "text (default) or json: one JSON object per event.")
    String output;

    @Override public Integer call() {
        Map<String, String> env = parent.env();
        Spec spec = SpecFile.load(file, global.region, System.err);
        if (spec == null) return ExitCodes.INVALID_INPUT;
        if (!yes && !EngineRun.interactive(env)) {
            System.err.println("destroy needs confirmation, and there is no terminal to ask on: run again with --yes");
            return ExitCodes.INVALID_INPUT;
        }
        Set<String> keep = new HashSet<>();
        if (keepSecrets) keep.add("parameter");
        if (keepLogs) keep.add("log-group");
        String resume = "gantry destroy -f " + file + (global.simulate ? " --simulate" : "") + (yes ? " --yes" : "");
        try (Session session = EngineRun.open(global, spec, env)) {
            Operation op = Operation.destroy(spec.app(), spec.region());
            try (Views views = new Views(op, output, global, env, session)) {
                Engine engine = EngineRun.engine(session, SecretValues.none(), views.listener());
                views.attach(engine);
                try (Interrupts ignored = Interrupts.install(engine)) {
                    EngineOptions options = new EngineOptions(false, forceUnlock,
                            views.confirmation(yes, "Destroy all of these?", output.equals("json")),
                            Holder.describe(env), keep, resume)
                            .withStaleLockCheck(h -> Holder.deadHere(h, env));
                    ApplyResult result = engine.destroy(spec, options);
                    return result.exitCode();
                }
            }
        }
    }
}
