package dev.gantry.resources.compute;

import dev.gantry.aws.AwsErrors;
import dev.gantry.aws.AwsFailure;
import dev.gantry.aws.CloudMapApi;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.Poll;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.model.Cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code namespace.main}: the Cloud Map namespace of Service Connect, which ECS makes (an HTTP
 * namespace) when the cluster's serviceConnectDefaults names one that does not exist, and never
 * deletes (ECS API Reference, ClusterServiceConnectDefaultsRequest). gantry makes nothing here: the
 * create waits for ECS's namespace; destroy deletes it after the cluster.
 *
 * <p>Whose it is: the namespace the app's own cluster (tagged, ACTIVE) names as its default, named
 * after the app (what gantry sets). It cannot carry gantry's tags (ECS makes it), so the cluster is the
 * proof; found any other way (by name alone) it could be a person's. Before deleting it, gantry
 * deletes the services ECS left in it for the app's own discovery names; a service of any other name
 * is someone else's use of the namespace, and then it is left, and destroy says so.
 * Only an app whose cluster has a Service Connect default reads Cloud Map at all.
 */
final class NamespaceType implements ResourceType {
    @Override public String type() { return "namespace"; }
    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.CLUSTER; }
    @Override public String noun() { return "Cloud Map namespace"; }
    @Override public int tier() { return 1; }
    @Override public Duration typicalDuration() { return Duration.ofSeconds(6); }
    @Override public Set<String> replaceOn() { return Set.of("name"); }
    @Override public Set<String> inputs() { return Set.of(DISCOVERY_NAMES, CLUSTER); }

    /** Input: the discovery names of the app's internal services (the Cloud Map services ECS made for them). */
    static final String DISCOVERY_NAMES = "discoveryNames";
    /** Input: the cluster's name (a step's context knows no spec). */
    static final String CLUSTER = "cluster";
    /** Outputs: the services in it that are not the app's, and the app's own that ECS left. */
    static final String OTHERS = "others", OWN = "ownServices";

    /**
     * The app's own services in it are those of the spec's internal services and those the app's
     * ECS services (as refresh reads them, no extra call) name: so an apply that turns Service
     * Connect off, or removes the last internal service, deletes the namespace with them.
     */
    @Override public List<Observed> refresh(ResourceContext ctx) {
        String cluster = ctx.wanted().str(Addresses.CLUSTER, "name");
        Optional<String> named = clusterDefault(ctx, cluster);
        if (named.isEmpty()) return List.of();
        Set<String> mine = names(ctx.wanted().prop(Addresses.NAMESPACE, DISCOVERY_NAMES));
        for (Observed service : ServiceType.in(ctx, cluster)) {
            String connect = Props.str(service.props(), ServiceType.SERVICE_CONNECT);
            if (connect != null && connect.contains(":")) mine.add(connect.substring(0, connect.lastIndexOf(':')));
        }
        Optional<Observed> there = found(ctx, named.get(), mine);
        if (there.isPresent() || named.get().startsWith("arn:")) return there.map(List::of).orElse(List.of());
        return List.of(onlyNamed(named.get()));
    }

    /** The namespace the app's own ACTIVE cluster names as its Service Connect default (an ARN; an emulator may keep the name). */
    private static Optional<String> clusterDefault(ResourceContext ctx, String name) {
        if (name == null) return Optional.empty();
        for (Cluster c : ClusterType.named(ctx, name)) {
            if (!"ACTIVE".equals(c.status()) || !name.equals(c.clusterName())) continue;
            if (ctx.ownAddress(Ecs.tags(c.tags()), "cluster").isEmpty()) continue;
            if (c.serviceConnectDefaults() == null || c.serviceConnectDefaults().namespace() == null
                    || c.serviceConnectDefaults().namespace().isEmpty()) continue;
            return Optional.of(c.serviceConnectDefaults().namespace());
        }
        return Optional.empty();
    }

    /**
     * The namespace as observed, when it is the app's (named after it). A Cloud Map that cannot be
     * read is an error naming Cloud Map, never "no namespace": that would leave it behind unsaid.
     */
    private Optional<Observed> found(ResourceContext ctx, String arnOrName, Set<String> mine) {
        CloudMapApi map = cloudMap(ctx);
        Optional<CloudMapApi.Namespace> n;
        List<CloudMapApi.Service> services;
        try {
            n = arnOrName.startsWith("arn:") ? map.namespace(id(arnOrName))
                    : map.namespacesNamed(arnOrName).stream().findFirst();
            if (n.isEmpty() || !n.get().name().equals(ctx.app())) return Optional.empty();
            services = map.services(n.get().id());
        } catch (RuntimeException e) {
            throw unreadable(e, arnOrName);
        }
        List<String> own = new ArrayList<>(), others = new ArrayList<>();
        for (CloudMapApi.Service s : services) (mine.contains(s.name()) ? own : others).add(s.name());
        CloudMapApi.Namespace ns = n.get();
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("id", ns.id());
        outputs.put("arn", ns.arn());
        outputs.put("name", ns.name());
        outputs.put(OWN, String.join(",", own));
        outputs.put(OTHERS, String.join(",", others));
        outputs.put("description", "Cloud Map namespace " + ns.name() + " that ECS made for Service Connect"
                + (others.isEmpty() ? "" : " (left: it also holds " + String.join(", ", others) + ", not this app's)"));
        // Its id is what the cluster names (the ARN; an emulator's cluster may keep the name): so the
        // cluster's deletion, which refers to it, comes first (Planner.references).
        return Optional.of(new Observed(Addresses.NAMESPACE, arnOrName, Props.props().put("name", ns.name()).build(), outputs));
    }

    /**
     * What an emulator's cluster names by name while its Cloud Map holds no such namespace (real
     * ECS answers the ARN of the namespace it made): the name, and nothing in Cloud Map to delete.
     */
    private static Observed onlyNamed(String name) {
        return new Observed(Addresses.NAMESPACE, name, Props.props().put("name", name).build(),
                Map.of("id", name, "name", name, OWN, "", OTHERS, "",
                        "description", "Cloud Map namespace " + name + " that the cluster names (Cloud Map holds none: nothing to delete there)"));
    }

    static AwsFailure unreadable(RuntimeException e, String which) {
        AwsFailure f = e instanceof AwsFailure a ? a : AwsErrors.translate("asking Cloud Map (servicediscovery)", e);
        return new AwsFailure(f.kind(), "cannot read the Cloud Map namespace " + which + " that the app's cluster uses for Service Connect: "
                + f.getMessage(), "check that the credentials may call servicediscovery:GetNamespace, ListNamespaces and ListServices"
                + " (an emulator without Cloud Map cannot answer them); gantry does not guess that it is gone", e);
    }

    private static String out(Observed o, String key, String otherwise) {
        String v = o.output(key);
        return v == null ? otherwise : v;
    }

    private static String id(String arn) { return arn.substring(arn.lastIndexOf('/') + 1); }

    private static Set<String> names(Object names) {
        Set<String> out = new TreeSet<>();
        if (names instanceof List<?> l) l.forEach(x -> out.add(String.valueOf(x)));
        return out;
    }

    private static CloudMapApi cloudMap(ResourceContext ctx) {
        CloudMapApi map = ctx.aws().cloudMap();
        if (map == null) {
            throw new AwsFailure(AwsFailure.Kind.OTHER, "no Cloud Map client is set up to read the app's Service Connect namespace",
                    "this is a bug in gantry: please report it");
        }
        return map;
    }

    /**
     * ECS makes the namespace with the cluster (or takes an existing one of that name): wait for it.
     * An emulator that keeps the cluster's default as a name and makes no namespace has none to
     * wait for: the namespace is then what the cluster names, and nothing more.
     */
    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return Poll.until(ctx, "ECS to make the Cloud Map namespace " + Props.str(props, "name"), Duration.ofMinutes(3),
                "ECS makes the namespace when the cluster's serviceConnectDefaults names it; look at the cluster with"
                        + " 'aws ecs describe-clusters --clusters " + Props.str(props, CLUSTER) + "', then run 'gantry apply' again", () -> {
                    Optional<String> named = clusterDefault(ctx.withFreshReads(), Props.str(props, CLUSTER));
                    if (named.isEmpty()) return Optional.empty();
                    Optional<Observed> there = found(ctx, named.get(), names(props.get(DISCOVERY_NAMES)));
                    if (there.isPresent() || named.get().startsWith("arn:")) return there;
                    return Optional.of(onlyNamed(named.get()));
                });
    }

    /** Nothing of it is gantry's to change: a different name is a new namespace, which ECS makes with the cluster's new default. */
    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> StepResult.done(current);
    }

    /**
     * After the cluster (its default names this namespace): the services ECS left for the app's
     * discovery names (ResourceInUse while their tasks still stop: tried again), then the namespace,
     * whose deletion is an operation to follow. A namespace that also holds someone else's
     * services is left (the app's own services in it are still deleted), and the run says so: a
     * failure naming them, never counted as deleted.
     */
    @Override public Step delete(ResourceContext ctx, Observed current) {
        String id = out(current, "id", current.id());
        if (out(current, "arn", "").isEmpty()) return () -> StepResult.done(current); // an emulator's: nothing in Cloud Map
        CloudMapApi map = cloudMap(ctx);
        Set<String> own = new TreeSet<>(List.of(out(current, OWN, "").split(",")));
        own.remove("");
        String[] operation = {null};
        Step deleting = Poll.whileInUse(ctx, () -> {
            if (operation[0] == null) {
                List<String> others = new ArrayList<>();
                for (CloudMapApi.Service s : map.services(id)) {
                    if (!own.contains(s.name())) {
                        others.add(s.name());
                        continue;
                    }
                    // ListServices' summaries do not say their namespace: make sure before deleting
                    // (an emulator may ignore the filter and answer every namespace's services).
                    if (!id.equals(map.serviceNamespace(s.id()).orElse(null))) continue;
                    try {
                        map.deleteService(s.id());
                    } catch (AwsServiceException e) {
                        if (!"ServiceNotFound".equals(AwsErrors.code(e))) throw e;
                    }
                }
                if (!others.isEmpty()) {
                    // Not a CONFLICT: that is tried again while in use, and this will not go by itself.
                    throw new AwsFailure(AwsFailure.Kind.OTHER, "the Cloud Map namespace " + out(current, "name", current.id())
                            + " is left: besides this app's it holds " + String.join(", ", others) + ", which are not this app's",
                            "if no one needs them, delete those services and then the namespace: 'aws servicediscovery list-services"
                                    + " --filters Name=NAMESPACE_ID,Values=" + id + "', 'aws servicediscovery delete-service --id ID',"
                                    + " 'aws servicediscovery delete-namespace --id " + id + "'");
                }
                try {
                    operation[0] = map.deleteNamespace(id);
                } catch (AwsServiceException e) {
                    if ("NamespaceNotFound".equals(AwsErrors.code(e))) return StepResult.done(current);
                    throw e;
                }
            }
            return Poll.after(ctx, "Cloud Map to delete the namespace " + out(current, "name", current.id()), typicalDuration(),
                    Duration.ofMinutes(10), "look at the operation with 'aws servicediscovery get-operation --operation-id " + operation[0]
                            + "', then run 'gantry destroy' again", () -> {
                        CloudMapApi.Operation o = map.operation(operation[0]);
                        if ("FAIL".equals(o.status())) {
                            throw new AwsFailure(AwsFailure.Kind.OTHER, "Cloud Map could not delete the namespace " + out(current, "name", current.id())
                                    + ": " + o.errorCode() + " " + o.errorMessage(), "run 'gantry destroy' again; if it fails the same way, look at the namespace in the Cloud Map console");
                        }
                        return o.done() ? Optional.of(current) : Optional.empty();
                    }).run();
        });
        return deleting;
    }
}
