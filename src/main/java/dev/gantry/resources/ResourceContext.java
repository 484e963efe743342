package dev.gantry.resources;

import dev.gantry.aws.AwsClients;
import dev.gantry.plan.Address;
import dev.gantry.spec.Spec;
import dev.gantry.time.TimeSource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a resource handler may use: the clients, the app's identity and tags, the clock, the
 * secret values supplied for this run (never logged, never in a plan), the reads shared between
 * types during one refresh ({@link ReadCache#none()} outside a refresh), the builder that makes
 * the image of {@code task.build} (null when the run builds nothing), and during a refresh the
 * desired resources it looks for ({@link Wanted}); for the steps of a run under the apply lock,
 * where its look there found nothing of the app's ({@link LockLook}). Never the spec: everything a step needs is in
 * its desired resource's props, so apply does exactly what the plan said (the constructors that
 * take a spec keep only its {@link AppIdentity}).
 */
public record ResourceContext(AwsClients aws, AppIdentity identity, String accountId, TimeSource time, SecretValues secrets,
                              ProgressSink progress, ReadCache reads, java.util.function.Supplier<String> accountLookup,
                              dev.gantry.image.ImageBuild builds, Map<String, String> runTags, Wanted wanted, LockLook lockLook) {

    public ResourceContext {
        if (wanted == null) wanted = Wanted.none();
        if (lockLook == null) lockLook = LockLook.nothing();
    }

    public ResourceContext(AwsClients aws, Spec spec, String accountId, TimeSource time, SecretValues secrets,
                           ProgressSink progress, ReadCache reads, java.util.function.Supplier<String> accountLookup,
                           dev.gantry.image.ImageBuild builds, Map<String, String> runTags) {
        this(aws, AppIdentity.of(spec), accountId, time, secrets, progress, reads, accountLookup, builds, runTags, Wanted.none(), LockLook.nothing());
    }

    /** Without a builder: for runs whose spec builds nothing (task.build absent, or the image given with --image). */
    public ResourceContext(AwsClients aws, Spec spec, String accountId, TimeSource time, SecretValues secrets,
                           ProgressSink progress, ReadCache reads, java.util.function.Supplier<String> accountLookup) {
        this(aws, spec, accountId, time, secrets, progress, reads, accountLookup, null);
    }

    /** With a builder (or none) and no run tags: reads, plans, tests. */
    public ResourceContext(AwsClients aws, Spec spec, String accountId, TimeSource time, SecretValues secrets,
                           ProgressSink progress, ReadCache reads, java.util.function.Supplier<String> accountLookup,
                           dev.gantry.image.ImageBuild builds) {
        this(aws, spec, accountId, time, secrets, progress, reads, accountLookup, builds, Map.of());
    }

    /**
     * The same context for a run that holds the apply lock: {@code runTags} (its run id and user)
     * go on what records a deployment (the task definition revision), for {@code gantry history}.
     */
    public ResourceContext withRunTags(Map<String, String> tags) {
        return new ResourceContext(aws, identity, accountId, time, secrets, progress, reads, accountLookup, builds, Map.copyOf(tags), wanted, lockLook);
    }

    /** A context whose reads are never shared: what steps use. */
    public ResourceContext(AwsClients aws, Spec spec, String accountId, TimeSource time, SecretValues secrets, ProgressSink progress) {
        this(aws, spec, accountId, time, secrets, progress, ReadCache.none(), null);
    }

    public ResourceContext(AwsClients aws, Spec spec, String accountId, TimeSource time, SecretValues secrets,
                           ProgressSink progress, ReadCache reads) {
        this(aws, spec, accountId, time, secrets, progress, reads, null);
    }

    /**
     * The account id, asked of AWS only when a handler needs it (building an ARN, a client token):
     * a refresh that needs none costs no STS call.
     */
    @Override public String accountId() {
        return accountId != null || accountLookup == null ? accountId : accountLookup.get();
    }

    /** The same context with a new read cache: one per refresh, so no refresh sees another's reads. */
    public ResourceContext withFreshReads() {
        return new ResourceContext(aws, identity, accountId, time, secrets, progress, ReadCache.fresh(), accountLookup, builds, runTags, wanted, LockLook.nothing());
    }

    /** The same context for a refresh that looks for {@code desired}: the plan's resources, not the spec. */
    public ResourceContext wanting(java.util.List<dev.gantry.plan.Desired> desired) {
        return new ResourceContext(aws, identity, accountId, time, secrets, progress, reads, accountLookup, builds, runTags, Wanted.of(desired), lockLook);
    }

    /** The same context for the steps of a plan made from the look under the apply lock ({@link LockLook}). */
    public ResourceContext withLockLook(LockLook look) {
        return new ResourceContext(aws, identity, accountId, time, secrets, progress, reads, accountLookup, builds, runTags, wanted, look);
    }

    public static final String TAG_APP = "gantry:app";
    public static final String TAG_COMPONENT = "gantry:component";
    /** On a task definition revision: the run (lock holder's id), user and command that registered it. */
    public static final String TAG_RUN = "gantry:run-id";
    public static final String TAG_USER = "gantry:user";
    public static final String TAG_COMMAND = "gantry:command";
    /** On a revision registered by {@code gantry rollback}: the revision it copies. */
    public static final String TAG_ROLLBACK_TO = "gantry:rollback-to";

    public String app() { return identity.app(); }
    public String region() { return identity.region(); }

    /**
     * The one ownership rule: a resource is the app's when its tags say {@code gantry:app = APP}
     * and {@code gantry:component} names an address of {@code type}; that address, or empty.
     */
    public java.util.Optional<Address> ownAddress(Map<String, String> tags, String type) {
        if (tags == null || !app().equals(tags.get(TAG_APP))) return java.util.Optional.empty();
        String component = tags.get(TAG_COMPONENT);
        if (component == null || !component.startsWith(type + ".")) return java.util.Optional.empty();
        Address address = Address.parse(component);
        sawTags(address, tags);
        return java.util.Optional.of(address);
    }

    /**
     * Tells the refresh the tags it read of the app's resource at {@code address}: the plan compares
     * the ones gantry manages ({@link #managedTags}) with them, with no read of its own. A step's
     * context keeps nothing.
     */
    public void sawTags(Address address, Map<String, String> tags) { reads.sawTags(address, tags); }

    /**
     * The tags gantry keeps on every resource beyond its own ownership tags: the spec's {@code tags:}
     * and {@code gantry:env}. Only these are compared; a person's other tags are never looked at.
     */
    public Map<String, String> managedTags() { return managed(identity == null ? Map.of() : identity.tags()); }

    /**
     * The keys of {@code specTags} gantry keeps as given: all but {@code Name}, which {@link #tags}
     * sets to each resource's own name (the spec's is ignored, with a warning), so comparing it
     * would plan the same tag change on every run.
     */
    public static Map<String, String> managed(Map<String, String> specTags) {
        if (specTags == null || !specTags.containsKey("Name")) return specTags == null ? Map.of() : specTags;
        Map<String, String> out = new LinkedHashMap<>(specTags);
        out.remove("Name");
        return out;
    }

    /** Tags every created resource carries, given in the create call itself. */
    public Map<String, String> tags(Address address) {
        Map<String, String> t = new LinkedHashMap<>(identity.tags());
        t.put("Name", app() + "-" + address.name());
        t.put(TAG_APP, app());
        t.put(TAG_COMPONENT, address.toString());
        return t;
    }

    /** A name unique to this app and resource, within AWS's usual 32-character limits where asked. */
    public String name(String suffix) { return app() + "-" + suffix; }
}
