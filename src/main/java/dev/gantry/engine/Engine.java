package dev.gantry.engine;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.AwsErrors;
import dev.gantry.aws.AwsFailure;
import dev.gantry.diagnose.Diagnosis;
import dev.gantry.diagnose.RolloutSnapshot;
import dev.gantry.image.ImageCheck;
import dev.gantry.image.ImageName;
import dev.gantry.plan.Action;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanDigest;
import dev.gantry.plan.Planner;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.resources.ProgressSink;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.time.Scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * refresh → plan → (lock) → execute → result. The only stateful piece of the core; it knows
 * nothing about terminals: everything it has to say goes to the {@link ApplyListener}.
 */
public final class Engine {
    private final Catalog catalog;
    private final AwsClients aws;
    private final Scheduler scheduler;
    private final SecretValues secrets;
    private final ApplyListener listener;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private String accountId;
    private Instant started;
    private boolean pinDigest;
    private final AppImages images;
    private final ScheduledCalls calls;
    private final RefreshReader reader;
    private final RunLock runLock;

    public Engine(Catalog catalog, AwsClients aws, Scheduler scheduler, SecretValues secrets, ApplyListener listener) {
        this.catalog = catalog;
        this.aws = aws;
        this.scheduler = scheduler;
        this.secrets = secrets;
        this.listener = listener;
        this.images = new AppImages(aws, secrets, this::accountId);
        this.calls = new ScheduledCalls(scheduler);
        this.reader = new RefreshReader(catalog, scheduler, calls, listener, this::at);
        this.runLock = new RunLock(scheduler, calls, listener, this::at);
    }

    /**
     * Check the spec's image with its registry before apply changes anything (no check unless
     * set), and with {@code pinDigest} deploy the digest the tag resolves to rather than the tag.
     */
    public Engine checkingImages(ImageCheck check, boolean pinDigest) {
        images.checking(check);
        this.pinDigest = pinDigest;
        return this;
    }

    /**
     * Apply only a plan that is exactly {@code saved} (a reviewed {@code gantry plan -o FILE}): when
     * the plan made now differs, before the question and again under the lock, the run stops with
     * exit 2 and nothing changed, listing what moved on ({@link PlanDigest#differences}).
     */
    public Engine applyingOnly(Map<String, String> saved) {
        this.saved = saved;
        return this;
    }

    private Map<String, String> saved;

    /** What an apply keeps of each plan it makes (all of it, but for the guard). */
    private java.util.function.UnaryOperator<Plan> keep = java.util.function.UnaryOperator.identity();
    private String applyVerb = "apply";

    /**
     * Runs apply as the guard: of each plan (before the lock and again under it) only what
     * {@code keep} leaves is carried out, and the lock names the run {@code gantry guard}.
     */
    public Engine asGuard(java.util.function.UnaryOperator<Plan> keep) {
        this.keep = keep;
        this.applyVerb = "guard";
        return this;
    }

    /**
     * Runs apply on part of each plan (before the lock and again under it): only what {@code keep}
     * leaves is carried out ({@code apply --service NAME}).
     */
    public Engine narrowedTo(java.util.function.UnaryOperator<Plan> keep) {
        this.keep = keep;
        this.narrowed = true;
        return this;
    }

    private boolean narrowed;

    /** What differs between the saved plan and {@code plan}, as lines for the person; empty without one. */
    private List<String> movedOn(Plan plan) {
        if (saved == null) return List.of();
        List<String> moved = PlanDigest.differences(saved, PlanDigest.byAddress(plan));
        if (moved.isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        out.add("the saved plan is out of date: AWS or gantry.yaml changed since it was made, so nothing was applied."
                + " Make and review a new one with 'gantry plan -o FILE'. What differs:");
        int shown = Math.min(moved.size(), 8);
        moved.subList(0, shown).forEach(m -> out.add("  " + m));
        if (moved.size() > shown) out.add("  … and " + (moved.size() - shown) + " more");
        return out;
    }

    /**
     * What the image's registry says about the spec's image; empty without a check. The login
     * for a private registry is the value given for this run, else the stored secret's.
     */
    public Optional<ImageCheck.Report> checkImage(Spec spec) {
        return images.checkImage(spec);
    }

    /**
     * Without a builder, where to work out a build's tag (the environment git runs in): so status
     * finds the image the folder would build, and says when the folder has changed since.
     */
    public Engine sourcesIn(Map<String, String> env) {
        images.sourcesIn(env);
        return this;
    }

    /** The builder for task.build (none: a spec that builds cannot be applied, only destroyed). */
    public Engine building(dev.gantry.image.ImageBuild builds) {
        images.building(builds);
        return this;
    }

    /**
     * Which image the plan runs, and why, in one line per build: built (from what), unchanged (no
     * build), or given with --image. Empty for a spec that names its images.
     */
    public Optional<String> imageStory(Spec given, Plan plan) {
        return images.imageStory(given, plan);
    }

    /** Who hears what each refresh is reading as it goes (a terminal's progress line, the benchmark). */
    public Engine onRefresh(RefreshProgress progress) {
        reader.onRefresh(progress);
        return this;
    }

    /** Stop starting new work; what is in flight finishes. Safe from any thread (Ctrl-C). */
    public void cancel() { cancelled.set(true); }

    /** The same, for a signal ("SIGTERM", "SIGINT"): the run's result says which one stopped it. */
    public void cancel(String signal) {
        if (stoppedBy == null) stoppedBy = signal;
        cancel();
    }

    private volatile String stoppedBy;

    public boolean cancelled() { return cancelled.get(); }

    /**
     * Who the credentials belong to, asked once and only when needed. Called directly, not through
     * the scheduler, because handlers ask from inside their steps; the SDK retries throttling itself.
     */
    public synchronized String accountId() {
        if (accountId == null) {
            try {
                accountId = aws.sts().getCallerIdentity().account();
            } catch (Exception e) {
                throw AwsErrors.translate("checking who your AWS credentials belong to", e);
            }
        }
        return accountId;
    }

    public ResourceContext context(Spec spec) {
        ProgressSink progress = new ProgressSink() {
            @Override public void rollout(RolloutSnapshot snapshot) { listener.on(new ApplyEvent.Rollout(at(), snapshot)); }
            @Override public void info(String message) { listener.on(new ApplyEvent.Info(at(), message)); }
            @Override public void sentAgainAfterLostReply(String what) { sentAgain.incrementAndGet(); }
            @Override public boolean stopping() { return cancelled.get(); }
            @Override public dev.gantry.image.ImageBuild.Progress build() {
                return new dev.gantry.image.ImageBuild.Progress() {
                    @Override public void started(String what) { listener.on(new ApplyEvent.Build(at(), ApplyEvent.Build.Phase.START, what, true)); }
                    @Override public void step(String step) { listener.on(new ApplyEvent.Build(at(), ApplyEvent.Build.Phase.STEP, step, true)); }
                    @Override public void line(String line) { listener.on(new ApplyEvent.Build(at(), ApplyEvent.Build.Phase.LINE, line, true)); }
                    @Override public void ended(boolean ok, String summary) { listener.on(new ApplyEvent.Build(at(), ApplyEvent.Build.Phase.END, summary, ok)); }
                };
            }
        };
        return new ResourceContext(aws, spec, null, scheduler, secrets, progress, dev.gantry.resources.ReadCache.none(), this::accountId, images.builds());
    }

    private Duration at() { return started == null ? Duration.ZERO : Duration.between(started, scheduler.now()); }

    // ------------------------------------------------------------------------------------------

    /** Creates sent again after a lost reply in this run: each may have left an extra that a look-up did not show yet. */
    private final java.util.concurrent.atomic.AtomicInteger sentAgain = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * After a run in which a create was sent again after a lost reply (its look-up by tags found
     * nothing, but AWS's reads are eventually consistent): look again, and when all that is left
     * is extras tagged for an address already taken (moved aside by {@link RefreshReader#keepOne}), delete them
     * now, in dependency order, so the run leaves one of each. Anything else waits for the next apply.
     */
    private ApplyResult sweepingExtras(ResourceContext ctx, List<Desired> desired, java.util.function.Function<Map<Address, Observed>, Plan> planning,
                                       Spec spec, EngineOptions options, ApplyResult done) {
        if (sentAgain.getAndSet(0) == 0 || done.exit() != ApplyResult.Exit.OK || cancelled.get()) return done;
        Map<Address, Observed> after = reader.looked(ctx, desired, options.adopt()).observed();
        Plan again = planning.apply(after);
        boolean onlyExtras = again.hasChanges() && again.mutating().stream()
                .allMatch(c -> c.action() == dev.gantry.plan.Action.DELETE && c.address().name().contains(RefreshReader.PREVIOUS));
        if (!onlyExtras) return done;
        int n = again.mutating().size();
        listener.on(new ApplyEvent.Info(at(), "a create sent again after a lost reply left " + (n == 1 ? "an extra resource" : n + " extra resources")
                + " behind; deleting " + (n == 1 ? "it" : "them")));
        listener.on(new ApplyEvent.Planned(at(), again));
        ApplyResult swept = execute(ctx, again, after, spec, options);
        ApplyResult last = swept.exit() == ApplyResult.Exit.OK ? done : swept;
        return new ApplyResult(last.outcome(), last.exit(), done.created(), done.updated(), done.replaced(), done.deleted() + swept.deleted(),
                swept.failed(), swept.skipped(), swept.elapsed(), last.url(), last.failures(), last.diagnosis(), last.resumeCommand(),
                done.criticalPath(), done.simulatedTime()).withAnswers(last.answers());
    }

    /** What exists now: every tagged resource of the app, and every data resource the spec looks up. */
    public Map<Address, Observed> refresh(ResourceContext steps, List<Desired> desired) {
        return reader.refresh(steps, desired);
    }

    public Plan plan(Spec spec) { return plan(spec, Set.of()); }

    /** What apply would do, taking over the resources {@code adopt} names (a preview of {@code apply --adopt}). */
    public Plan plan(Spec given, Set<String> adopt) {
        started = scheduler.now();
        Spec spec = images.resolved(given);
        ResourceContext ctx = context(spec);
        List<Desired> desired = Catalog.expand(spec);
        Ownership.Result owned = reader.looked(ctx, desired, adopt);
        if (!owned.problems().isEmpty()) {
            throw new AwsFailure(AwsFailure.Kind.INPUT, String.join("; ", owned.problems()), "name addresses from the plan, or --adopt all");
        }
        Plan plan = withNotes(ServiceConnectRollout.roll(SecretRollout.roll(Planner.plan(spec.app(), ManagedTags.desired(desired, owned.observed(), ResourceContext.managed(spec.tags())), owned.observed(), rules()))), owned).withConflicts(owned.conflicts());
        return withLock(plan, spec);
    }

    /** A plan read while another run holds the lock may be out of date as soon as it is shown: it says so. */
    private Plan withLock(Plan plan, Spec spec) {
        Lock lock = new Lock(aws.ssm(), spec.app());
        Optional<Optional<LockHolder>> held;
        try {
            held = calls.call(lock::current, "reading the apply lock " + lock.name());
        } catch (AwsFailure f) {
            // plan only reads; credentials that may read the app but not its lock still get their plan
            List<String> warnings = new ArrayList<>(plan.warnings());
            warnings.add("could not read the apply lock " + lock.name() + " (" + f.getMessage() + "): whether another run is changing things is unknown");
            return new Plan(plan.app(), plan.changes(), warnings, plan.conflicts());
        }
        if (held.isEmpty()) return plan;
        List<String> warnings = new ArrayList<>(plan.warnings());
        warnings.add(held.get().map(h -> h.describe() + " holds the apply lock " + lock.name())
                .orElse("the apply lock " + lock.name() + " is held (its value was not written by gantry, not shown)")
                + ": that run may be changing what this plan was read from; plan again once it has finished");
        return new Plan(plan.app(), plan.changes(), warnings, plan.conflicts());
    }

    private static Plan withNotes(Plan plan, Ownership.Result owned) {
        Map<Address, Observed> inside = Teardown.of(plan, owned.observed());
        Optional<String> rollback = undoesRollback(plan);
        if (owned.notes().isEmpty() && inside.isEmpty() && rollback.isEmpty()) return plan;
        List<String> warnings = new ArrayList<>(plan.warnings());
        rollback.ifPresent(warnings::add);
        warnings.addAll(owned.notes());
        if (!inside.isEmpty()) {
            String guarded = Teardown.guarded(plan);
            warnings.add("replacing " + guarded + " (with --allow-replace) first deletes " + (guarded.contains(" and ") ? "them" : "it")
                    + " and what is built on " + (guarded.contains(" and ") ? "them" : "it") + " ("
                    + String.join(", ", inside.keySet().stream().map(Address::toString).toList())
                    + "), then makes them again: the URL is down meanwhile");
        }
        return new Plan(plan.app(), plan.changes(), warnings, plan.conflicts());
    }

    /**
     * The service runs a revision {@code gantry rollback} registered and the plan changes its image:
     * the next apply would undo the rollback. Said, never silently done nor silently kept.
     */
    static Optional<String> undoesRollback(Plan plan) {
        for (dev.gantry.plan.Change c : plan.changes()) {
            if (!c.address().equals(dev.gantry.resources.Addresses.TASK_DEFINITION) || c.observed() == null) continue;
            String to = c.observed().outputs().get("rollbackTo");
            if (to == null) continue;
            Object running = c.observed().props().get("image");
            Object wanted = c.desired() == null ? null : c.desired().props().get("image");
            if (java.util.Objects.equals(running, wanted)) continue;
            String by = c.observed().outputs().get("rolledBackBy");
            return Optional.of("the service runs " + running + " (rolled back to revision " + to + " by gantry rollback at "
                    + c.observed().outputs().getOrDefault("rolledBackAt", "an unknown time") + (by != null ? " by " + by : "")
                    + "); gantry.yaml describes image " + wanted + ": the next apply deploys it again. To keep the rollback, set task.image to "
                    + running + " in gantry.yaml");
        }
        return Optional.empty();
    }

    private Planner.TypeRules rules() {
        return new Planner.TypeRules() {
            @Override public dev.gantry.plan.Piece piece(String type) { return catalog.type(type).piece(); }
            @Override public String noun(String type) { return catalog.type(type).noun(); }
            @Override public Set<String> replaceOn(String type) { return catalog.type(type).replaceOn(); }
            @Override public boolean forcesReplace(String type, String field, Object have, Object want) {
                return catalog.type(type).forcesReplace(field, have, want);
            }
            @Override public boolean canUpdate(String type) { return catalog.type(type).canUpdate(); }
            @Override public Set<String> createOnly(String type) { return catalog.type(type).createOnly(); }
            @Override public Set<String> inputs(String type) { return catalog.type(type).inputs(); }
            @Override public boolean updateChangesIdentity(String type) { return catalog.type(type).updateChangesIdentity(); }
            @Override public boolean createBeforeDestroy(String type) { return catalog.type(type).createBeforeDestroy(); }
            @Override public boolean createBeforeDestroy(String type, Set<String> replacing) { return catalog.type(type).createBeforeDestroy(replacing); }
            @Override public String updateReason(String type, List<dev.gantry.plan.Change.FieldChange> fields) { return catalog.type(type).updateReason(fields); }
            @Override public String note(Desired d, dev.gantry.plan.Action action, List<dev.gantry.plan.Change.FieldChange> fields) {
                return catalog.type(d.address().type()).planNote(d, action, fields);
            }
        };
    }

    /** What a deployment records of the run that made it (tag values: ECS allows letters, digits, space and _.:/=+-@). */
    public static Map<String, String> runTags(LockHolder me) {
        Map<String, String> t = new java.util.LinkedHashMap<>();
        t.put(ResourceContext.TAG_RUN, me.runId());
        if (me.user() != null && !me.user().isBlank()) t.put(ResourceContext.TAG_USER, tagValue(me.user()));
        t.put(ResourceContext.TAG_COMMAND, tagValue(me.command()));
        return t;
    }

    private static String tagValue(String s) {
        String v = s.replaceAll("[^\\p{L}\\p{N} _.:/=+@-]", "_");
        return v.length() > 256 ? v.substring(0, 256) : v;
    }

    // ------------------------------------------------------------------------------------------

    public ApplyResult apply(Spec unresolved, EngineOptions options) {
        started = scheduler.now();
        Spec given;
        try {
            given = images.resolved(unresolved);
        } catch (RuntimeException e) {
            return finish(stopped(ApplyResult.Outcome.FAILED, ApplyResult.Exit.INVALID_INPUT, List.of("task.build: cannot read the build context: " + e.getMessage())));
        }
        Optional<ImageCheck.Report> image;
        try {
            image = checkImage(given);
        } catch (AwsFailure f) {
            return finish(failure(f, options));
        }
        image.ifPresent(r -> r.notes().forEach(n -> listener.on(new ApplyEvent.Info(at(), "note: " + n))));
        if (image.isPresent() && !image.get().ok()) return finish(stopped(ApplyResult.Outcome.FAILED, ApplyResult.Exit.INVALID_INPUT, image.get().problems()));
        if (pinDigest && image.isPresent() && image.get().digest() == null && given.task().image() != null
                && !given.task().image().contains("@")) {
            listener.on(new ApplyEvent.Info(at(), "note: --pin-digest: the registry gave no digest for " + given.task().image()
                    + ", so the task definition names the image by its tag, not pinned"));
        }
        Spec spec = pinDigest && image.isPresent() && image.get().digest() != null && given.task().image() != null
                ? given.withTask(given.task().withImage(ImageName.pinned(given.task().image(), image.get().digest()))) : given;
        List<Desired> desired = Catalog.expand(spec);
        return run(spec, options, applyVerb, desired, observed -> keep.apply(ServiceConnectRollout.roll(SecretRollout.roll(Planner.plan(spec.app(), ManagedTags.desired(desired, observed, ResourceContext.managed(spec.tags())), observed, rules())))), true);
    }

    public ApplyResult destroy(Spec spec, EngineOptions options) {
        return run(spec, options, "destroy", List.of(), observed -> Planner.destroy(spec.app(), observed, options.keepTypes(), Catalog.expand(spec), rules()), false);
    }

    /**
     * What apply and destroy share: look, plan, check, ask, lock, look again (someone may have
     * changed things meanwhile), execute. {@code checks}: refuse guarded replacements and run the
     * handlers' preflight (apply only; deleting needs neither).
     */
    private ApplyResult run(Spec spec, EngineOptions options, String verb, List<Desired> desired,
                            java.util.function.Function<Map<Address, Observed>, Plan> planning, boolean checks) {
        started = scheduler.now();
        sentAgain.set(0);
        try {
            ResourceContext ctx = context(spec);
            // A destroy still looks where the spec's plan puts things (its cluster, its zone).
            if (desired.isEmpty()) ctx = ctx.wanting(Catalog.expand(spec));
            Ownership.Result owned = reader.looked(ctx, desired, options.adopt());
            if (!owned.problems().isEmpty()) return finish(stopped(ApplyResult.Outcome.FAILED, ApplyResult.Exit.INVALID_INPUT, owned.problems()));
            Map<Address, Observed> observed = owned.observed();
            Plan plan = withNotes(planning.apply(observed), owned).withConflicts(owned.conflicts());
            if (checks) imageStory(spec, plan).ifPresent(s -> s.lines().forEach(line -> listener.on(new ApplyEvent.Info(at(), line))));
            // A saved plan that no longer holds is refused before it is shown: what it says is not what would happen.
            List<String> moved = movedOn(plan);
            if (!moved.isEmpty()) return finish(runLock.outOfDate(moved, options));
            if (!plan.hasChanges() && plan.conflicts().isEmpty()) {
                // Nothing to change as read, but a run holding the lock may be changing it right now
                // (a destroy): look at the lock (a read, never a write) before saying all is well.
                Lock lock = new Lock(aws.ssm(), spec.app());
                Optional<Optional<LockHolder>> held = calls.call(lock::current, "reading the apply lock " + lock.name());
                if (held.isPresent() && !held.get().map(h -> h.provablyDeadOn(options.machine())).orElse(false)) {
                    return finish(stopped(ApplyResult.Outcome.FAILED, ApplyResult.Exit.FAILED, List.of(RunLock.locked(
                            new Lock.LockedException(lock.name(), held.get()), verb, options.machine(),
                            "gantry found nothing to " + ("destroy".equals(verb) ? "destroy" : "change")
                                    + " when it read AWS, but that run may be changing things right now"))));
                }
            }
            listener.on(new ApplyEvent.Planned(at(), plan));
            // What a narrowed run leaves out is said in every view, not only in the plan's text.
            if (narrowed) plan.warnings().stream().filter(dev.gantry.engine.ServiceScope::says)
                    .forEach(w -> listener.on(new ApplyEvent.Info(at(), "note: " + w)));
            // Nothing is touched while a name the spec wants is held by something that is not the app's.
            if (!plan.conflicts().isEmpty()) return finish(stopped(ApplyResult.Outcome.FAILED, ApplyResult.Exit.INVALID_INPUT, conflicts(plan)));
            if (!plan.hasChanges()) return finish(result(ApplyResult.Outcome.NO_CHANGES, ApplyResult.Exit.OK, plan, Map.of(), observed, spec, null, options));
            // A take-over that would delete what it takes over is refused like a taken name: exit 2, nothing touched.
            List<String> takeOvers = refusedTakeOvers(plan);
            if (!takeOvers.isEmpty()) return finish(stopped(ApplyResult.Outcome.FAILED, ApplyResult.Exit.INVALID_INPUT, takeOvers));
            if (checks) {
                List<String> refused = new ArrayList<>(refusedReplacements(plan, options));
                List<String> problems = preflight(ctx, plan);
                if (!refused.isEmpty() || !problems.isEmpty()) {
                    List<String> all = new ArrayList<>(refused);
                    all.addAll(problems);
                    // A replacement needing --allow-replace is refused like bad input: exit 2, nothing touched.
                    return finish(stopped(ApplyResult.Outcome.FAILED, ApplyResult.Exit.INVALID_INPUT, all));
                }
            }
            if (!options.confirm().test(plan)) {
                // Ctrl-C at the question is an interruption (130); any answer but "yes" a decision (1).
                return finish(cancelled.get()
                        ? stopped(ApplyResult.Outcome.INTERRUPTED, ApplyResult.Exit.INTERRUPTED, List.of(verb + " interrupted at the question: nothing was changed"))
                        : stopped(ApplyResult.Outcome.DECLINED, ApplyResult.Exit.FAILED, List.of(verb + " not confirmed: nothing was changed")));
            }
            Lock lock = new Lock(aws.ssm(), spec.app());
            LockHolder me = runLock.acquire(lock, options, verb);
            ctx = ctx.withRunTags(runTags(me));
            try {
                Ownership.Result ownedNow = reader.looked(ctx, desired, options.adopt());
                Map<Address, Observed> now = ownedNow.observed();
                Plan locked = planning.apply(now).withConflicts(ownedNow.conflicts());
                if (!locked.conflicts().isEmpty()) {
                    listener.on(new ApplyEvent.Planned(at(), locked));
                    return finish(stopped(ApplyResult.Outcome.FAILED, ApplyResult.Exit.INVALID_INPUT, conflicts(locked)));
                }
                List<String> movedNow = movedOn(locked);
                if (!movedNow.isEmpty()) return finish(runLock.outOfDate(movedNow, options));
                // The plan shown was confirmed (or printed, with --yes): it is the contract. Made again
                // under the lock, it must be the same plan, or nothing is done.
                List<String> changedNow = RunLock.changedSinceShown(plan, locked, verb, options);
                if (!changedNow.isEmpty()) return finish(runLock.outOfDate(changedNow, options));
                Map<Address, Observed> inside = checks && options.allowReplace() ? Teardown.of(locked, now) : Map.of();
                if (!inside.isEmpty()) {
                    // What lives in a replaced VPC or load balancer cannot move to the new one: it is
                    // deleted first (the downtime the plan announced), then everything is made again.
                    listener.on(new ApplyEvent.Info(at(), "replacing " + Teardown.guarded(locked)
                            + ": deleting what is built on it first; the service is down until it is back"));
                    Plan down = Planner.destroy(spec.app(), inside, Set.of(), desired, rules());
                    listener.on(new ApplyEvent.Planned(at(), down));
                    ApplyResult torn = execute(ctx, down, now, spec, options);
                    if (torn.exit() != ApplyResult.Exit.OK) return finish(torn);
                    Ownership.Result rebuilt = reader.looked(ctx, desired, options.adopt());
                    now = rebuilt.observed();
                    locked = planning.apply(now);
                    listener.on(new ApplyEvent.Planned(at(), locked));
                    return finish(sweepingExtras(ctx, desired, planning, spec, options, execute(ctx, locked, now, spec, options))
                            .afterDeleting(torn.deleted()));
                }
                ApplyResult done = sweepingExtras(ctx, desired, planning, spec, options, execute(ctx, locked, now, spec, options));
                if (verb.equals("destroy") && done.exit() == ApplyResult.Exit.OK) done = confirmGone(ctx, desired, planning, locked, done, options);
                return finish(done);
            } finally {
                runLock.release(lock, me);
            }
        } catch (AwsFailure f) {
            return finish(failure(f, options));
        } catch (Lock.LockedException e) {
            return finish(stopped(ApplyResult.Outcome.FAILED, ApplyResult.Exit.FAILED, List.of(RunLock.locked(e, verb, options.machine(), null))));
        }
    }

    /**
     * Destroy reports what AWS confirms gone: after the deletes it looks once more, and whatever of
     * the app's is still there (made again meanwhile, or a delete AWS did not carry out) is named,
     * is not counted as destroyed, and fails the run.
     */
    private ApplyResult confirmGone(ResourceContext ctx, List<Desired> desired,
                                    java.util.function.Function<Map<Address, Observed>, Plan> planning, Plan ran, ApplyResult r,
                                    EngineOptions options) {
        List<Change> left;
        try {
            left = planning.apply(refresh(ctx, desired)).mutating();
        } catch (AwsFailure f) {
            return new ApplyResult(ApplyResult.Outcome.FAILED, ApplyResult.Exit.failed(f.kind()), r.created(), r.updated(), r.replaced(),
                    r.deleted(), r.failed(), r.skipped(), at(), null, List.of("could not check that everything is gone: " + f.getMessage()
                    + (f.fix() == null ? "" : "\n  fix: " + f.fix())), null, options.resumeCommand());
        }
        if (left.isEmpty()) return r;
        List<String> why = new ArrayList<>();
        for (Change c : left) why.add(c.address() + " (" + c.description() + ") is still there after destroy");
        why.add("fix: run 'gantry destroy' again; if it stays, look at it in the AWS console (something may be making it again)");
        Set<Address> deletedHere = new java.util.HashSet<>();
        ran.mutating().forEach(c -> deletedHere.add(c.address()));
        int notGone = (int) left.stream().filter(c -> deletedHere.contains(c.address())).count();
        return new ApplyResult(ApplyResult.Outcome.FAILED, ApplyResult.Exit.FAILED, r.created(), r.updated(), r.replaced(),
                r.deleted() - notGone, r.failed() + left.size(), r.skipped(), at(), null, why, null, options.resumeCommand());
    }

    /** A run that ended before changing anything. */
    private ApplyResult stopped(ApplyResult.Outcome outcome, ApplyResult.Exit exit, List<String> why) {
        return new ApplyResult(outcome, exit, 0, 0, 0, 0, 0, 0, at(), null, why, null, null);
    }

    /**
     * Runs {@code plan}, always one made from a look under the apply lock this run holds: what it
     * creates, that look found absent, and when the lock was free (no other run's calls can still
     * land) the creates' first looks take that answer ({@link dev.gantry.resources.LockLook}).
     */
    private ApplyResult execute(ResourceContext ctx, Plan plan, Map<Address, Observed> observed, Spec spec, EngineOptions options) {
        Set<Address> creates = new java.util.HashSet<>();
        if (runLock.tookAFreeLock()) for (Change c : plan.mutating()) if (c.action() == Action.CREATE) creates.add(c.address());
        ResourceContext steps = ctx.withLockLook(dev.gantry.resources.LockLook.foundNothingAt(creates, scheduler.now(), scheduler));
        Executor executor = new Executor(AdoptingType.wrap(catalog), steps, scheduler, listener, started, observed, cancelled);
        Map<Address, Executor.State> states = executor.run(plan);
        boolean anyFailed = states.containsValue(Executor.State.FAILED);
        boolean interrupted = cancelled.get();
        ApplyResult.Outcome outcome = executor.rolloutFailure() != null ? ApplyResult.Outcome.ROLLOUT_FAILED
                : interrupted ? ApplyResult.Outcome.INTERRUPTED
                : anyFailed ? ApplyResult.Outcome.FAILED : ApplyResult.Outcome.SUCCEEDED;
        ApplyResult.Exit exit = switch (outcome) {
            case SUCCEEDED, NO_CHANGES -> ApplyResult.Exit.OK;
            case INTERRUPTED -> ApplyResult.Exit.INTERRUPTED;
            default -> ApplyResult.Exit.failed(executor.worstFailure());
        };
        Diagnosis diagnosis = executor.rolloutFailure() == null ? null : executor.rolloutFailure().diagnosis();
        ApplyResult r = result(outcome, exit, plan, states, executor.outputs(), spec, diagnosis, options);
        CriticalPath path = outcome == ApplyResult.Outcome.SUCCEEDED ? CriticalPath.of(executor.spans(), spec) : null;
        return new ApplyResult(r.outcome(), r.exit(), r.created(), r.updated(), r.replaced(), r.deleted(), r.failed(),
                r.skipped(), r.elapsed(), r.url(), executor.failures(), diagnosis, r.resumeCommand(), path, false).withAnswers(r.answers());
    }

    private ApplyResult result(ApplyResult.Outcome outcome, ApplyResult.Exit exit, Plan plan, Map<Address, Executor.State> states,
                               Map<Address, Observed> outputs, Spec spec, Diagnosis diagnosis, EngineOptions options) {
        int created = 0, updated = 0, replaced = 0, deleted = 0, failed = 0, skipped = 0;
        for (Change c : plan.mutating()) {
            Executor.State s = states.get(c.address());
            if (s == Executor.State.FAILED) failed++;
            else if (s == Executor.State.SKIPPED) skipped++;
            else if (s == Executor.State.DONE) {
                switch (c.action()) {
                    case CREATE -> created++;
                    case UPDATE -> updated++;
                    case REPLACE -> replaced++;
                    case DELETE -> deleted++;
                    default -> { }
                }
            }
        }
        boolean destroyed = plan.changes().stream().allMatch(c -> c.action() == Action.DELETE) && !plan.changes().isEmpty();
        // Only a run that ended well says where the service answers (a failed rollout does not answer there).
        String url = destroyed || exit != ApplyResult.Exit.OK ? null : url(spec, outputs);
        String resume = exit == ApplyResult.Exit.OK ? null : options.resumeCommand();
        // Several services: each public one with its own URLs (url stays the app's, for JSON).
        String answers = url == null || spec.services().size() < 2 ? null : ServiceUrls.sentence(spec, outputs);
        return new ApplyResult(outcome, exit, created, updated, replaced, deleted, failed, skipped, at(), url, List.of(), diagnosis, resume)
                .withAnswers(answers);
    }

    /** Where the service answers: the DNS record when there is one, else the load balancer's name. */
    public static String url(Spec spec, Map<Address, Observed> outputs) {
        if (!spec.hasLoadBalancer()) return null;
        String scheme = spec.hasCertificate() ? "https://" : "http://";
        if (spec.hasDns()) return scheme + spec.dns().record();
        Observed lb = outputs.get(Addresses.LOAD_BALANCER);
        return lb == null || lb.output("dnsName") == null ? null : scheme + lb.output("dnsName");
    }

    private List<String> refusedReplacements(Plan plan, EngineOptions options) {
        if (options.allowReplace()) return List.of();
        List<String> out = new ArrayList<>();
        for (Change c : plan.changes()) {
            if (c.action() == Action.REPLACE && c.desired() != null && c.desired().guarded()) {
                out.add(c.address() + " (" + c.description() + ") would be destroyed and recreated because " + c.reason()
                        + "; everything that uses it goes down meanwhile. If that is what you want, run 'gantry apply --allow-replace'.");
            }
        }
        return out;
    }

    /** Taking over a resource must never delete it: one whose differences force a replacement is refused. */
    private static List<String> refusedTakeOvers(Plan plan) {
        List<String> out = new ArrayList<>();
        for (Change c : plan.changes()) {
            if (c.action() != Action.REPLACE || !Ownership.adopting(c.observed())) continue;
            String fields = String.join(", ", c.fields().stream().filter(Change.FieldChange::forcesReplace).map(Change.FieldChange::field).toList());
            out.add(c.address() + " cannot be taken over: its " + fields + " differ from gantry.yaml and AWS cannot change them in place,"
                    + " so gantry would have to delete it. Make gantry.yaml match it, or give gantry another name for it.");
        }
        return out;
    }

    private static List<String> conflicts(Plan plan) {
        return plan.conflicts().stream().map(dev.gantry.plan.Conflict::explain).toList();
    }

    private List<String> preflight(ResourceContext ctx, Plan plan) {
        List<String> problems = new ArrayList<>();
        for (Change c : plan.mutating()) problems.addAll(catalog.type(c.address().type()).preflight(ctx, c));
        return problems;
    }

    private ApplyResult failure(AwsFailure f, EngineOptions options) {
        if (cancelled.get()) {
            // Stopped before any change (at a secret prompt, say): an interruption, not an AWS failure.
            return new ApplyResult(ApplyResult.Outcome.INTERRUPTED, ApplyResult.Exit.INTERRUPTED, 0, 0, 0, 0, 0, 0, at(), null,
                    List.of("interrupted before anything was changed"), null, options.resumeCommand());
        }
        // For gantry's own developers: JAVA_OPTS=-Dgantry.debug=true shows where an unexpected error came from.
        if (Boolean.getBoolean("gantry.debug") && f.getCause() != null) {
            System.getLogger(Engine.class.getName()).log(System.Logger.Level.ERROR, "unexpected error", f.getCause());
        }
        ApplyResult.Exit exit = ApplyResult.Exit.failed(f.kind());
        String text = f.getMessage() + (f.fix() == null ? "" : "\n  fix: " + f.fix());
        return new ApplyResult(ApplyResult.Outcome.FAILED, exit, 0, 0, 0, 0, 0, 0, at(), null, List.of(text), null, options.resumeCommand());
    }

    private ApplyResult finish(ApplyResult given) {
        ApplyResult result = given.outcome() == ApplyResult.Outcome.INTERRUPTED && stoppedBy != null ? given.stoppedBy(stoppedBy) : given;
        ApplyResult r = result.withSimulatedTime(scheduler.simulated());
        listener.on(new ApplyEvent.Finished(at(), r));
        return r;
    }
}
