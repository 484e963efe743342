package dev.gantry.cli;

import dev.gantry.ops.SecretUpdate;
import dev.gantry.spec.SecretRef;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the spec's secrets: name, SSM parameter, version and when it last changed. Never the values."})
public final class SecretsListCommand implements Callable<ExitCode> {
    @ParentCommand SecretsCommand parent;
    @Mixin AppOptions global;

    @Mixin SpecFileOption specFile;

    @Override public ExitCode call() throws SpecException {
        CommandContext cli = parent.context();
        Spec spec = SpecFile.load(specFile.path(), global, cli, SpecFile.Use.READS);
        return AppContext.inSession(cli, global, specFile.path(), spec, false, SecretsListCommand::run);
    }

    static ExitCode run(AppContext d) {
        Map<String, SecretRef> secrets = d.spec().task().secrets();
        if (secrets.isEmpty()) {
            d.out().println("gantry.yaml declares no secrets (task.secrets).");
            return ExitCode.OK;
        }
        d.checkCredentials();
        SecretUpdate ssm = new SecretUpdate(d.aws());
        String row = "%-20s %-40s %s%n";
        d.out().printf(Locale.ROOT, row, "NAME", "PARAMETER", "STATE");
        for (Map.Entry<String, SecretRef> e : secrets.entrySet()) {
            SecretRef ref = e.getValue();
            String state;
            if (!ref.managed()) {
                state = "existing parameter, not managed by gantry";
            } else {
                Optional<SecretUpdate.Metadata> m = ssm.describe(ref.parameter());
                state = m.map(x -> x.type() + " version " + x.version()
                                + (x.lastModified() == null ? "" : ", changed " + StatusText.time(x.lastModified())))
                        .orElse(d.words("missing: 'gantry apply' creates it"));
            }
            d.out().printf(Locale.ROOT, row, e.getKey(), ref.parameter(), state);
        }
        return ExitCode.OK;
    }
}
