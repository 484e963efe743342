package dev.gantry.engine;

import dev.gantry.aws.AwsErrors;
import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Planner;
import dev.gantry.resources.Claim;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.time.Scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What exists now, and whose each name is: the engine's refresh (every type's read and every data
 * look-up at once), the extras it moves aside, and the ownership check of what a plan would create.
 */
final class RefreshReader {
    private final Catalog catalog;
    private final Scheduler scheduler;
    private final ScheduledCalls calls;
    private final ApplyListener listener;
    private final Supplier<Duration> at;
    private volatile RefreshProgress refreshProgress = RefreshProgress.NONE;

    RefreshReader(Catalog catalog, Scheduler scheduler, ScheduledCalls calls, ApplyListener listener, Supplier<Duration> at) {
        this.catalog = catalog;
        this.scheduler = scheduler;
        this.calls = calls;
        this.listener = listener;
        this.at = at;
    }

    /** See {@link Engine#onRefresh}. */
    void onRefresh(RefreshProgress progress) {
        this.refreshProgress = progress == null ? RefreshProgress.NONE : progress;
    }

    private Duration at() { return at.get(); }

    private <T> CompletableFuture<T> async(Supplier<T> work, String doing) { return calls.async(work, doing); }

    /** The address suffix of a resource gantry made whose address the spec now gives to an existing one. */
    static final String PREVIOUS = "-previous";

    /** What exists now: every tagged resource of the app, and every data resource the spec looks up. */
    Map<Address, Observed> refresh(ResourceContext steps, List<Desired> desired) {
        // Types share reads within this refresh only; the apply's steps keep reading fresh.
        return refreshReading(steps.withFreshReads(), desired);
    }

    /**
     * Refresh, then whose is each name the spec wants: the claimants share the refresh's reads, so
     * a name the refresh just asked AWS about (GetRole, DescribeServices, ...) is not asked again
     * a moment later for the same answer. The next look (under the lock, the next command) reads anew.
     */
    Ownership.Result looked(ResourceContext steps, List<Desired> desired, Set<String> adopt) {
        ResourceContext reading = wanting(steps.withFreshReads(), desired);
        return owned(reading, desired, refreshReading(reading, desired), adopt);
    }

    /**
     * Where to look (the cluster, the DNS zone, …) comes from the plan's desired resources, never
     * the spec. A destroy plans from no desired resources (it looks up no data): its context
     * already carries what the spec's plan would want ({@code Engine.run}).
     */
    private static ResourceContext wanting(ResourceContext ctx, List<Desired> desired) {
        return desired.isEmpty() ? ctx : ctx.wanting(desired);
    }

    private Map<Address, Observed> refreshReading(ResourceContext reading, List<Desired> desired) {
        ResourceContext ctx = wanting(reading, desired);
        List<CompletableFuture<List<Observed>>> parts = new ArrayList<>();
        RefreshTracker tracker = new RefreshTracker(refreshProgress, scheduler);
        for (ResourceType type : catalog.types()) {
            parts.add(tracker.track(type.type(), async(() -> type.refresh(ctx), "reading the app's " + type.type() + " resources")));
        }
        for (Desired d : desired) {
            if (!d.data()) continue;
            ResourceType type = catalog.type(d.address().type());
            parts.add(tracker.track(d.address().toString(), async(() -> {
                Optional<Observed> found = type.lookup(ctx, d);
                Observed o = found.orElseThrow(() -> new AwsFailure(AwsFailure.Kind.NOT_FOUND,
                        d.description() + " (" + d.address() + ") was not found", "check gantry.yaml; it refers to something that must already exist"));
                Map<String, String> outs = new LinkedHashMap<>(o.outputs());
                outs.put("data", "true");
                return List.of(new Observed(d.address(), o.id(), o.props(), outs));
            }, "looking up " + d.description())));
        }
        tracker.started();
        // The first failure ends the refresh: with an unreachable endpoint, waiting for every other
        // read to fail the same way would only multiply the wait.
        CompletableFuture<Void> all = CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new));
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        parts.forEach(p -> p.whenComplete((v, e) -> { if (e != null) firstFailure.completeExceptionally(e); }));
        try {
            scheduler.await(CompletableFuture.anyOf(all, firstFailure));
        } catch (RuntimeException e) {
            // reported below, translated
        }
        if (firstFailure.isCompletedExceptionally()) {
            Throwable cause = firstFailure.handle((v, e) -> e).join();
            if (cause instanceof java.util.concurrent.CompletionException ce && ce.getCause() != null) cause = ce.getCause();
            if (cause instanceof Error err) throw err;
            throw cause instanceof AwsFailure f ? f : AwsErrors.translate("reading what exists", cause);
        }
        Map<Address, Observed> observed = new LinkedHashMap<>();
        Map<Address, List<Observed>> claimants = new LinkedHashMap<>();
        for (CompletableFuture<List<Observed>> p : parts) {
            List<Observed> list = p.join();
            for (Observed o : list) {
                Observed prev = observed.putIfAbsent(o.address(), o);
                if (prev != null && Planner.isData(o) && !Planner.isData(prev)) {
                    // The spec now names an existing resource (an ARN) where gantry made its own: the
                    // address is the existing one's, and gantry's moves aside so the plan deletes it
                    // once nothing uses it (deletes run after every create and update).
                    // An ARN naming gantry's own resource keeps it: nothing to delete then.
                    observed.put(o.address(), o);
                    boolean same = Objects.equals(prev.id(), o.id()) || prev.output("arn") != null && Objects.equals(prev.output("arn"), o.output("arn"));
                    if (!same) {
                        Address aside = Address.of(prev.address().type(), prev.address().name() + PREVIOUS);
                        observed.put(aside, new Observed(aside, prev.id(), prev.props(), prev.outputs()));
                    }
                } else if (prev != null && !Planner.isData(o)) {
                    claimants.computeIfAbsent(o.address(), k -> new ArrayList<>(List.of(prev))).add(o);
                }
            }
        }
        claimants.forEach((address, found) -> keepOne(observed, address, found, desired));
        return ManagedTags.observed(observed, ctx.reads().tagsSeen(), ctx.managedTags(), catalog);
    }

    /**
     * Two of the app's resources tagged for one address: what an apply stopped between a swap's
     * create and its delete leaves. The one closest to the spec keeps the address; the others move
     * aside ({@code NAME-previous}) so the plan deletes them once nothing uses them.
     */
    private void keepOne(Map<Address, Observed> observed, Address address, List<Observed> all, List<Desired> desired) {
        Desired want = desired.stream().filter(d -> d.address().equals(address)).findFirst().orElse(null);
        Observed keep = all.get(0);
        for (Observed o : all) {
            int closer = Integer.compare(likeness(o, want), likeness(keep, want));
            // Alike (an extra a lost reply left): the one the app's other resources use.
            if (closer > 0 || closer == 0 && usedBy(o, observed) && !usedBy(keep, observed)) keep = o;
        }
        observed.put(address, keep);
        List<String> others = new ArrayList<>();
        int n = 0;
        for (Observed o : all) {
            if (o == keep) continue;
            Address aside = Address.of(address.type(), address.name() + PREVIOUS + (n++ == 0 ? "" : "-" + n));
            observed.put(aside, new Observed(aside, o.id(), o.props(), o.outputs()));
            others.add(o.id());
        }
        listener.on(new ApplyEvent.Info(at(), all.size() + " resources are tagged as " + address + " (an apply stopped while replacing it): keeping "
                + keep.id() + (want == null ? "" : ", the one gantry.yaml describes") + "; " + String.join(", ", others) + " will be deleted"));
    }

    /** Whether another of the app's resources refers to {@code o} by its id in its props. */
    private static boolean usedBy(Observed o, Map<Address, Observed> observed) {
        return observed.values().stream().anyMatch(other -> !other.address().type().equals(o.address().type()) && mentions(other.props(), o.id()));
    }

    private static boolean mentions(Object v, String id) {
        if (v instanceof String s) return s.equals(id);
        if (v instanceof Map<?, ?> m) return m.values().stream().anyMatch(x -> mentions(x, id));
        if (v instanceof List<?> l) return l.stream().anyMatch(x -> mentions(x, id));
        return false;
    }

    /** How many of the spec's plain values (not yet-unknown references) the resource already has. */
    private static int likeness(Observed o, Desired want) {
        if (want == null) return 0;
        int same = 0;
        for (Map.Entry<String, Object> p : want.props().entrySet()) {
            if (!containsRef(p.getValue()) && Planner.same(p.getValue(), o.props().get(p.getKey()))) same++;
        }
        return same;
    }

    private static boolean containsRef(Object v) {
        if (v instanceof dev.gantry.plan.Ref) return true;
        if (v instanceof Map<?, ?> m) return m.values().stream().anyMatch(RefreshReader::containsRef);
        if (v instanceof List<?> l) return l.stream().anyMatch(RefreshReader::containsRef);
        return false;
    }

    private static <T> T joined(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof Error err) throw err;
            throw cause instanceof AwsFailure af ? af : AwsErrors.translate("checking what already exists", cause);
        }
    }

    /**
     * The ownership check every plan passes through: for each resource about to be created, what
     * already holds its name (read only then, so a converged app pays nothing), judged by
     * {@link Ownership}.
     */
    private Ownership.Result owned(ResourceContext ctx, List<Desired> desired, Map<Address, Observed> observed, Set<String> adopt) {
        Map<Address, Claim> claims = new LinkedHashMap<>();
        Map<Address, Observed> known = observed;
        while (true) {
            claims.putAll(claims(ctx, desired, known, claims.keySet()));
            Ownership.Result judged = Ownership.judge(ctx.app(), desired, observed, claims, new Ownership.Adopt(adopt));
            if (judged.observed().size() == known.size()) return judged;
            // Something was taken over: what refers to it can now be looked for (the listener on a load balancer taken over).
            known = judged.observed();
        }
    }

    /** The spec gives an existing resource of the app's a new name: its replacement is made under that name. */
    private static boolean renamed(Desired d, Observed o, ResourceType type) {
        Object want = d.props().get("name");
        return want instanceof String && o.props().containsKey("name") && !want.equals(o.props().get("name"))
                && !type.createOnly().contains("name") && !Planner.isData(o) && !Ownership.adopting(o);
    }

    /** What holds the name of each resource not yet found (or about to be made again under a new name), nor already asked about. */
    private Map<Address, Claim> claims(ResourceContext ctx, List<Desired> desired, Map<Address, Observed> known, Set<Address> asked) {
        Map<Address, CompletableFuture<Optional<Claim>>> reads = new LinkedHashMap<>();
        for (Desired d : desired) {
            ResourceType type = catalog.type(d.address().type());
            if (d.data() || known.containsKey(d.address()) && !renamed(d, known.get(d.address()), type) || asked.contains(d.address())) continue;
            Map<String, Object> props = Ownership.known(d.props(), known);
            reads.put(d.address(), async(() -> type.claimant(ctx, d, props), "checking whether the name of " + d.address() + " is free"));
        }
        try {
            scheduler.await(CompletableFuture.allOf(reads.values().toArray(CompletableFuture[]::new)));
        } catch (RuntimeException e) {
            // reported below, translated
        }
        Map<Address, Claim> claims = new LinkedHashMap<>();
        reads.forEach((a, f) -> joined(f).ifPresent(c -> claims.put(a, c)));
        return claims;
    }
}
