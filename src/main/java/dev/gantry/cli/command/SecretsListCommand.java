package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.option.AppOptions;
import dev.gantry.cli.option.SpecFileOption;
import dev.gantry.cli.wiring.AppContext;
import dev.gantry.cli.wiring.SpecFile;
import dev.gantry.ops.SecretUpdate;
import dev.gantry.spec.SecretRef;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.ui.StatusText;
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

    @picocli.CommandLine.Option(names = "--service", paramLabel = "NAME", description = "Only the secrets this service reads (spec version 2).")
    String service;

    @Override public ExitCode call() throws SpecException {
        CommandContext cli = parent.context();
        Spec spec = SpecFile.load(specFile.path(), global, cli, SpecFile.Use.READS);
        if (service != null && !spec.services().containsKey(service)) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "gantry.yaml has no service " + service + "; it has "
                    + String.join(", ", spec.services().keySet()), "use --service with one of those names, or leave it out");
        }
        return AppContext.inSession(cli, global, specFile.path(), spec, false, d -> run(d, service));
    }

    static ExitCode run(AppContext d) { return run(d, null); }

    /** Every service's secrets (a secret several read is listed once, with who reads it), or only {@code service}'s. */
    static ExitCode run(AppContext d, String service) {
        Spec spec = d.spec();
        boolean several = spec.services().size() > 1;
        Map<String, SecretRef> secrets = new java.util.TreeMap<>();
        Map<String, java.util.List<String>> readers = new java.util.TreeMap<>();
        for (var a : spec.services().values()) {
            a.task().secrets().forEach((k, v) -> readers.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(a.name()));
            if (service == null || a.name().equals(service)) a.task().secrets().forEach(secrets::putIfAbsent);
        }
        if (secrets.isEmpty()) {
            d.out().println(service != null && several ? "Service " + service + " reads no secrets (services." + service + ".task.secrets)."
                    : "gantry.yaml declares no secrets (task.secrets).");
            return ExitCode.OK;
        }
        d.checkCredentials();
        SecretUpdate ssm = new SecretUpdate(d.aws());
        String row = several ? "%-20s %-40s %-20s %s%n" : "%-20s %-40s %s%n";
        if (several) d.out().printf(Locale.ROOT, row, "NAME", "PARAMETER", "READ BY", "STATE");
        else d.out().printf(Locale.ROOT, row, "NAME", "PARAMETER", "STATE");
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
            if (several) d.out().printf(Locale.ROOT, row, e.getKey(), ref.parameter(), String.join(",", readers.get(e.getKey())), state);
            else d.out().printf(Locale.ROOT, row, e.getKey(), ref.parameter(), state);
        }
        return ExitCode.OK;
    }
}
