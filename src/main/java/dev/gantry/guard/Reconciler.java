package dev.gantry.guard;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.AwsFailure;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineOptions;
import dev.gantry.engine.Lock;
import dev.gantry.engine.LockHolder;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
import dev.gantry.resources.SecretValues;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.spec.Guard;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.time.Scheduler;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One run of the guard: read the spec apply stored, skip while an apply holds the lock, refresh and
 * plan with the engine, repair what {@link SafeRepairs} allows ({@code repair: safe}; nothing with
 * {@code report}) under the lock, as an apply would, and report the rest. Each repair and each
 * report is a log line and, with {@code alerts}, a message to the alerts topic (a report only the
 * first time it is seen, so an unchanged difference is not mailed every few minutes). The run is
 * recorded for {@code gantry guard status}.
 */
public final class Reconciler {
    private final AwsClients aws;
    private final Scheduler scheduler;
    private final Consumer<String> log;

    public Reconciler(AwsClients aws, Scheduler scheduler, Consumer<String> log) {
        this.aws = aws;
        this.scheduler = scheduler;
        this.log = log;
    }

    public static String specParameter(String app) { return "/gantry/guard/" + app + "/spec"; }

    public GuardRun run(String app) {
        Optional<GuardRun> previous = previous(app);
        GuardRun run;
        Spec spec = null;
        try {
            spec = storedSpec(app);
            run = look(spec);
        } catch (SpecException e) {
            run = failed("the stored spec " + specParameter(app) + " is not valid: " + e.getMessage());
        } catch (AwsFailure e) {
            run = failed(e.getMessage() + (e.fix() == null ? "" : " (fix: " + e.fix() + ")"));
        } catch (ParameterNotFoundException e) {
            run = failed("no stored spec at " + specParameter(app) + ": run 'gantry apply' with guard in gantry.yaml");
        } catch (RuntimeException e) {
            run = failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (run.outcome() == GuardRun.Outcome.FAILED) log.accept("failed: " + run.note());
        if (run.outcome() == GuardRun.Outcome.CLEAN) log.accept("clean: AWS is as the stored spec says");
        if (spec != null) notify(spec, run, previous);
        try {
            run.write(aws.ssm(), app);
        } catch (RuntimeException e) {
            log.accept("could not record this run in " + GuardRun.parameter(app) + ": " + e.getMessage());
        }
        return run;
    }

    private Optional<GuardRun> previous(String app) {
        try {
            return GuardRun.read(aws.ssm(), app);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private GuardRun failed(String why) {
        return new GuardRun(scheduler.now(), GuardRun.Outcome.FAILED, List.of(), List.of(), why);
    }

    private Spec storedSpec(String app) throws SpecException {
        String text = aws.ssm().getParameter(b -> b.name(specParameter(app))).parameter().value();
        Spec spec = dev.gantry.spec.yaml.StoredSpec.read("ssm:" + specParameter(app), text);
        if (!spec.hasGuard()) throw new IllegalStateException("the stored spec has no guard section");
        return spec;
    }

    private GuardRun look(Spec spec) {
        Lock lock = new Lock(aws.ssm(), spec.app());
        Optional<Optional<LockHolder>> held = lock.current();
        if (held.isPresent()) {
            String who = held.get().map(LockHolder::describe).orElse("a run whose lock gantry did not write");
            log.accept("skipped: " + who + " holds the lock " + lock.name());
            return new GuardRun(scheduler.now(), GuardRun.Outcome.SKIPPED, List.of(), List.of(), who + " held the lock");
        }
        List<ApplyEvent> events = new ArrayList<>();
        Engine engine = new Engine(Catalog.standard(), aws, scheduler, SecretValues.none(), e -> { synchronized (events) { events.add(e); } });
        Plan plan = engine.plan(spec);
        Map<Address, String> verdicts = SafeRepairs.judge(plan);
        boolean repairing = spec.guard().repair() == Guard.Repair.SAFE;
        List<GuardRun.Item> reported = new ArrayList<>();
        List<GuardRun.Item> repaired = new ArrayList<>();
        Set<Address> safe = new HashSet<>();
        verdicts.forEach((a, why) -> {
            if (why == null && repairing) safe.add(a);
            else reported.add(new GuardRun.Item(a.toString(), why != null ? why : "differs from the spec: " + describe(plan, a) + " (repair: report)"));
        });
        if (!safe.isEmpty()) {
            ApplyResult r = new Engine(Catalog.standard(), aws, scheduler, SecretValues.none(), e -> { synchronized (events) { events.add(e); } })
                    .asGuard(SafeRepairs::safeOnly).apply(spec, new EngineOptions(false, false, p -> true, null, Set.of(), "gantry apply"));
            synchronized (events) {
                for (ApplyEvent e : events) {
                    if (e instanceof ApplyEvent.Done d) repaired.add(new GuardRun.Item(d.change().address().toString(), repairWords(d.change())));
                    if (e instanceof ApplyEvent.Failed f) reported.add(new GuardRun.Item(f.change().address().toString(), "the repair failed: " + f.message()));
                }
            }
            if (r.exit() != ApplyResult.Exit.OK && repaired.isEmpty()) {
                for (String why : r.failures()) reported.add(new GuardRun.Item("", "the repair did not run: " + why));
            }
        }
        repaired.forEach(i -> log.accept("repaired: " + i.address() + ": " + i.what()));
        reported.forEach(i -> log.accept("report: " + (i.address().isEmpty() ? "" : i.address() + ": ") + i.what()));
        GuardRun.Outcome outcome = !repaired.isEmpty() ? GuardRun.Outcome.REPAIRED : !reported.isEmpty() ? GuardRun.Outcome.REPORTED : GuardRun.Outcome.CLEAN;
        return new GuardRun(scheduler.now(), outcome, repaired, reported, null);
    }

    private static String describe(Plan plan, Address a) {
        return plan.mutating().stream().filter(c -> c.address().equals(a)).findFirst()
                .map(c -> c.action().name().toLowerCase(java.util.Locale.ROOT) + " " + c.description()
                        + (c.fields().isEmpty() ? "" : " (" + String.join(", ", c.fields().stream().map(Change.FieldChange::field).toList()) + ")"))
                .orElse("a name it wants is taken");
    }

    private static String repairWords(Change c) {
        return switch (c.action()) {
            case CREATE -> "made again (" + c.description() + "): it had been deleted";
            case UPDATE -> "put back (" + String.join(", ", c.fields().stream().map(Change.FieldChange::field).toList()) + "): " + c.description();
            default -> c.action().name().toLowerCase(java.util.Locale.ROOT) + " " + c.description();
        };
    }

    /** One message per repair, and per report not already in the previous run's, to the alerts topic. */
    private void notify(Spec spec, GuardRun run, Optional<GuardRun> previous) {
        if (!spec.hasAlerts()) return;
        String app = spec.app();
        List<String[]> messages = new ArrayList<>();
        run.repaired().forEach(i -> messages.add(new String[]{"gantry guard repaired " + i.address() + " of " + app, "repaired " + i.address() + ": " + i.what()}));
        Set<String> seen = new HashSet<>();
        previous.ifPresent(p -> p.reported().forEach(i -> seen.add(i.address() + "\n" + i.what())));
        run.reported().stream().filter(i -> !seen.contains(i.address() + "\n" + i.what())).forEach(i -> messages.add(new String[]{
                "gantry guard: " + app + (i.address().isEmpty() ? "" : " " + i.address()) + " needs a person",
                "needs a person: " + (i.address().isEmpty() ? "" : i.address() + ": ") + i.what()}));
        if (run.outcome() == GuardRun.Outcome.FAILED && previous.map(p -> p.outcome() != GuardRun.Outcome.FAILED).orElse(true)) {
            messages.add(new String[]{"gantry guard of " + app + " could not run", "the guard could not run: " + run.note()});
        }
        if (messages.isEmpty()) return;
        String topic;
        try {
            topic = "arn:aws:sns:" + spec.region() + ":" + aws.sts().getCallerIdentity().account() + ":" + app + "-alerts";
        } catch (RuntimeException e) {
            log.accept("could not tell the alerts topic: " + e.getMessage());
            return;
        }
        for (String[] m : messages) {
            // SNS: a subject of at most 100 characters, on one line (Publish, Subject).
            String subject = m[0].replaceAll("[\\r\\n]", " ");
            String subjectShort = subject.length() > 100 ? subject.substring(0, 100) : subject;
            try {
                aws.sns().publish(b -> b.topicArn(topic).subject(subjectShort)
                        .message("gantry guard for " + app + " in " + spec.region() + " at " + run.at() + ":\n" + m[1] + "\n\nLast run: gantry guard status"));
            } catch (RuntimeException e) {
                log.accept("could not tell the alerts topic " + topic + ": " + e.getMessage());
                return;
            }
        }
    }
}
