package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.edge.StopOnInterrupt;
import dev.gantry.cli.option.AppOptions;
import dev.gantry.cli.option.SpecFileOption;
import dev.gantry.cli.wiring.AppContext;
import dev.gantry.cli.wiring.SpecFile;
import dev.gantry.diagnose.Diagnosis;
import dev.gantry.diagnose.RolloutWatcher;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.ops.RolloutWait;
import dev.gantry.ops.SecretUpdate;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.ui.Durations;
import dev.gantry.ui.EventLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Give a managed secret a new value, then replace the service's tasks so they read it.",
                "The value comes from --value-file FILE or @FILE (- reads standard input), then GANTRY_SECRET_NAME, "
                        + "then a hidden prompt typed twice; never from the command line itself, where ps and your shell history would show it.",
                "The new deployment is watched to its end. Exit 0 when the new tasks run, 1 when the deployment failed "
                        + "(with why), 2 for an unknown NAME or no value."})
public final class SecretsSetCommand implements Callable<ExitCode> {
    /** As long as apply waits for a rollout. */
    static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(30);

    @ParentCommand SecretsCommand parent;
    @Mixin AppOptions global;

    @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name under task.secrets in gantry.yaml.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "@FILE", description = "Read the value from FILE (same as --value-file).")
    String valueArg;

    @Option(names = "--value-file", paramLabel = "FILE", description = "Read the value from FILE; - reads standard input. A final newline is dropped.")
    Path valueFile;

    @Mixin SpecFileOption specFile;

    @Option(names = "--service", paramLabel = "NAME",
            description = "Start a new deployment of this service only (spec version 2); the other services that read the secret keep the old value until their next deployment.")
    String service;

    @Option(names = "--no-deploy", description = "Only store the value; running tasks keep the old one until the next deployment.")
    boolean noDeploy;

    @Override public ExitCode call() throws SpecException {
        CommandContext cli = parent.context();
        Spec spec = SpecFile.load(specFile.path(), global, cli, SpecFile.Use.CHANGES);
        String nameProblem = SecretValueSource.checkName(spec, name);
        if (nameProblem != null) throw CommandFailure.input(nameProblem);
        readers(spec, name, service);
        SecretValueSource.Result value = SecretValueSource.read(name, valueArg, valueFile, cli.env(), cli.in(),
                cli.interactive() ? question -> SecretValueSource.ask(cli.terminal(), question) : null);
        if (value.problem() != null) throw CommandFailure.input(value.problem());
        return AppContext.inSession(cli, global, specFile.path(), spec, false, d -> {
            CompletableFuture<Void> stop = new CompletableFuture<>();
            try (StopOnInterrupt ignored = StopOnInterrupt.install(() -> stop.complete(null))) {
                return run(d, name, value.value(), noDeploy, stop, service);
            }
        });
    }

    /**
     * The services whose tasks read the secret, in the file's order: all of them, or only
     * {@code service} (which must read it; bad input otherwise, exit 2).
     */
    static java.util.List<dev.gantry.spec.AppService> readers(Spec spec, String name, String service) {
        java.util.List<dev.gantry.spec.AppService> all = spec.services().values().stream().filter(a -> a.task().secrets().containsKey(name)).toList();
        if (service == null) return all;
        if (!spec.services().containsKey(service)) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "gantry.yaml has no service " + service + "; it has "
                    + String.join(", ", spec.services().keySet()), "use --service with one of those names, or leave it out");
        }
        if (all.stream().noneMatch(a -> a.name().equals(service))) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "service " + service + " does not read " + name + "; "
                    + String.join(", ", all.stream().map(dev.gantry.spec.AppService::name).toList()) + (all.size() == 1 ? " does" : " do"),
                    "use --service with one of those, or leave it out to deploy every service that reads it");
        }
        return all.stream().filter(a -> a.name().equals(service)).toList();
    }

    /** Stores {@code value} (wiped afterwards) and rolls the service; tests call it on a simulated world. */
    static ExitCode run(AppContext d, String name, char[] value, boolean noDeploy, CompletableFuture<Void> stop) {
        return run(d, name, value, noDeploy, stop, null);
    }

    /** As above, rolling only {@code service} when given (else every service that reads the secret). */
    static ExitCode run(AppContext d, String name, char[] value, boolean noDeploy, CompletableFuture<Void> stop, String service) {
        Spec spec = d.spec();
        try {
            String problem = SecretValueSource.checkName(spec, name);
            if (problem != null) throw CommandFailure.input(problem);
            d.checkCredentials();
            // An apply running meanwhile would start deployments of its own, and its plan would
            // not know the value changed: one run at a time, as for apply and destroy.
            AppContext.Held held = d.lock("secrets set " + name);
            try {
                return locked(d, name, value, noDeploy, stop, readers(spec, name, service));
            } finally {
                held.release();
            }
        } finally {
            java.util.Arrays.fill(value, '\0');
        }
    }

    private static ExitCode locked(AppContext d, String name, char[] value, boolean noDeploy, CompletableFuture<Void> stop,
                                   java.util.List<dev.gantry.spec.AppService> readers) {
        Spec spec = d.spec();
        SecretUpdate update = new SecretUpdate(d.aws());
        String parameter = SecretValueSource.secret(spec, name).parameter();
        long version;
        try {
            version = update.store(spec.app(), name, parameter, value);
        } catch (dev.gantry.aws.AwsFailure f) {
            // A parameter that is not the app's: the name in gantry.yaml is taken, as for apply's
            // conflicts (exit 2, nothing written), not a failure of AWS.
            if (f.kind() == dev.gantry.aws.AwsFailure.Kind.CONFLICT) throw CommandFailure.aws(f, d::words, ExitCode.INVALID_INPUT);
            throw f;
        }
        d.out().println("Stored a new value for " + name + " in " + parameter + " (SecureString, version " + version + ").");
        if (noDeploy) {
            d.out().println(d.words("Running tasks keep the old value until the next deployment ('gantry apply', or this command without --no-deploy)."));
            return ExitCode.OK;
        }
        java.util.List<String> others = spec.services().values().stream().filter(a -> a.task().secrets().containsKey(name))
                .map(dev.gantry.spec.AppService::name).filter(n -> readers.stream().noneMatch(r -> r.name().equals(n))).toList();
        if (!others.isEmpty()) {
            d.out().println(d.words(String.join(", ", others) + (others.size() == 1 ? " reads " : " read ") + name
                    + " too and keeps the old value until its next deployment (this command without --service deploys every service that reads it)."));
        }
        // One service after another: each is watched to its end before the next starts.
        for (dev.gantry.spec.AppService reader : readers) {
            ExitCode code = deploy(d, update, spec.withTask(reader.task()).withService(reader.service()), name, version,
                    dev.gantry.spec.DerivedNames.serviceBase(spec.app(), reader.name()), spec.services().size() > 1, stop);
            if (code != ExitCode.OK) return code;
        }
        return ExitCode.OK;
    }

    /** Starts a new deployment of the ECS service {@code service} so its tasks read the new value, and watches it. */
    private static ExitCode deploy(AppContext d, SecretUpdate update, Spec spec, String name, long version, String service, boolean several,
                                   CompletableFuture<Void> stop) {
        String cluster = spec.cluster().name();
        EventLines words = new EventLines(d.ansi());
        alreadySaid(words, d, cluster, service);
        Optional<String> deployment = update.redeploy(cluster, service);
        if (deployment.isEmpty()) {
            d.out().println(d.words("There is no running service " + service + " yet: its tasks read the new value when 'gantry apply' starts them."));
            return ExitCode.OK;
        }
        d.out().println("Started a new deployment" + (several ? " of " + service : "") + " so the tasks read it (ECS reads secrets only when a task starts). Watching it; "
                + "Ctrl-C stops watching, not the deployment.");
        d.out().flush();
        Instant start = d.scheduler().now();
        RolloutWait.Result r = RolloutWait.watch(d.aws().ecs(), spec, cluster, service, deployment.get(), d.scheduler(), snap -> {
            Duration at = Duration.between(start, d.scheduler().now());
            for (String line : words.lines(new ApplyEvent.Rollout(at, snap))) d.out().println(EventLines.stamp(at) + line);
            d.out().flush();
        }, ROLLOUT_TIMEOUT, stop);
        if (r.completed()) {
            int tasks = r.last() == null || r.last().deployments().isEmpty() ? 0 : r.last().deployments().get(0).running();
            d.out().println(d.ansi().green("✓") + " " + name + " is in use: " + tasks + (tasks == 1 ? " task runs" : " tasks run")
                    + " with the new value (" + Durations.format(r.took()) + ").");
            return ExitCode.OK;
        }
        if (r.stopped()) {
            d.out().println(d.words("Stopped watching. The deployment goes on in AWS; 'gantry status' shows how it ends."));
            return ExitCode.INTERRUPTED;
        }
        Diagnosis why = r.diagnosis();
        d.err().println(d.ansi().red("✗ The new deployment failed: ") + why.summary());
        if (why.detail() != null && !why.detail().isBlank()) d.err().println("  " + why.detail());
        for (String fix : why.fixes()) d.err().println("  fix: " + d.words(fix));
        d.err().println(d.words("The new value is stored (version " + version + "). The previous tasks keep running with the old value while ECS retries"
                + (spec.service().rollbackOnFailure() ? ", until its circuit breaker rolls the deployment back." : "; 'gantry status' shows how it goes.")));
        return ExitCode.FAILED;
    }

    /** Marks what ECS said before this command as seen, so the progress shows only this deployment. */
    private static void alreadySaid(EventLines words, AppContext d, String cluster, String service) {
        try {
            RolloutWatcher watcher = new RolloutWatcher(d.aws().ecs(), cluster, service);
            watcher.describe().ifPresent(s -> words.lines(new ApplyEvent.Rollout(Duration.ZERO, watcher.snapshot(s, null, null))));
        } catch (RuntimeException e) {
            // no service (yet) or no permission to look: then everything is new, which is merely verbose
        }
    }
}
