package dev.gantry.resources.compute;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Claim;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import dev.gantry.resources.Poll;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterContainsServicesException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsTasksException;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;
import software.amazon.awssdk.services.ecs.model.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code cluster.main}: the ECS cluster (on Fargate just a name, settings and a home for the service). */
final class ClusterType implements ResourceType {
    @Override public String type() { return "cluster"; }
    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.CLUSTER; }
    @Override public String noun() { return "ECS cluster"; }
    @Override public int tier() { return 0; }
    @Override public Set<String> replaceOn() { return Set.of("name"); }

    /**
     * {@code serviceConnect}: the cluster's default Service Connect namespace is the app's (ECS makes
     * the Cloud Map namespace {@code namespace} names when it does not exist). Version 1 never sets it.
     */
    static final String SERVICE_CONNECT = "serviceConnect", NAMESPACE = "namespace";

    @Override public Set<String> inputs() { return Set.of(NAMESPACE); }

    /** A new name is a new cluster beside the old one: the service moves over, then the old cluster goes. */
    @Override public boolean createBeforeDestroy() { return true; }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        EcsClient ecs = ctx.aws().ecs();
        // Asking for the spec's cluster by name settles the usual case in one call; the account's
        // whole list is needed only when it is not there (first apply, or the spec renamed it).
        String name = ctx.wanted().str(dev.gantry.resources.Addresses.CLUSTER, "name");
        if (name != null) {
            List<Observed> named = owned(ctx, named(ctx, name));
            if (!named.isEmpty()) return named;
        }
        List<String> arns = Ecs.clusterArns(ctx);
        List<Observed> out = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            out.addAll(owned(ctx, ecs.describeClusters(b -> b.clusters(batch).include(ClusterField.TAGS, ClusterField.SETTINGS)).clusters()));
        }
        return out;
    }

    private static List<Observed> owned(ResourceContext ctx, List<Cluster> clusters) {
        List<Observed> out = new ArrayList<>();
        for (Cluster c : clusters) {
            Map<String, String> tags = Ecs.tags(c.tags());
            if (!"ACTIVE".equals(c.status())) continue;
            ctx.ownAddress(tags, "cluster").ifPresent(a -> out.add(observed(a, c)));
        }
        return out;
    }

    private static Observed observed(Address a, Cluster c) {
        boolean insights = c.settings().stream().anyMatch(s -> s.name() == ClusterSettingName.CONTAINER_INSIGHTS && "enabled".equals(s.value()));
        boolean connect = c.serviceConnectDefaults() != null && c.serviceConnectDefaults().namespace() != null
                && !c.serviceConnectDefaults().namespace().isEmpty();
        return new Observed(a, c.clusterArn(), Props.props().put("name", c.clusterName()).put("containerInsights", insights)
                        .put(SERVICE_CONNECT, connect ? true : null)
                        // An input (never compared): the namespace it names, so destroy deletes that namespace after the cluster.
                        .put(NAMESPACE, connect ? c.serviceConnectDefaults().namespace() : null).build(),
                Map.of("id", c.clusterArn(), "arn", c.clusterArn(), "name", c.clusterName()));
    }

    private static ClusterSetting insights(Map<String, Object> props) {
        return ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS)
                .value(Props.bool(props, "containerInsights") ? "enabled" : "disabled").build();
    }

    /** The ACTIVE cluster of the spec's name, when it is not the app's. */
    @Override public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return active(ctx, Props.str(props, "name")).map(c -> new Claim(observed(desired.address(), c),
                "the ECS cluster " + c.clusterName() + " (" + dev.gantry.spec.Counted.of(c.activeServicesCount(), "service") + ", " + dev.gantry.spec.Counted.of(c.runningTasksCount(), "running task") + ")",
                Ecs.tags(c.tags()), "cluster.name (it defaults to the app's name)"));
    }

    private static Optional<Cluster> active(ResourceContext ctx, String name) {
        return named(ctx, name).stream().filter(c -> "ACTIVE".equals(c.status()) && name.equals(c.clusterName())).findFirst();
    }

    /** DescribeClusters of one name, with tags and settings: read once per refresh by it and the claimant. */
    static List<Cluster> named(ResourceContext ctx, String name) {
        return ctx.reads().get("ecs:cluster:" + name, () -> ctx.aws().ecs().describeClusters(b -> b.clusters(name).include(ClusterField.TAGS, ClusterField.SETTINGS)).clusters());
    }

    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().ecs().tagResource(b -> b.resourceArn(existing.id()).tags(Ecs.tagList(ctx.tags(desired.address()))));
            return StepResult.done(existing);
        };
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> {
            // CreateCluster answers with the existing cluster of that name, untouched: one that
            // appeared after the plan must not be taken for the app's.
            Optional<Cluster> there = active(ctx, Props.str(props, "name"));
            if (there.isPresent() && ctx.ownAddress(Ecs.tags(there.get().tags()), type()).isEmpty()) {
                throw new dev.gantry.aws.AwsFailure(dev.gantry.aws.AwsFailure.Kind.CONFLICT,
                        "the ECS cluster " + there.get().clusterName() + " was created by someone else while gantry was applying",
                        "run 'gantry plan' to see it, then change cluster.name or take it over with 'gantry apply --adopt " + desired.address() + "'");
            }
            List<Tag> tags = Ecs.tagList(ctx.tags(desired.address()));
            // CreateCluster is idempotent by name, so a re-run returns the same cluster.
            Cluster c = ctx.aws().ecs().createCluster(b -> {
                b.clusterName(Props.str(props, "name")).settings(insights(props)).tags(tags);
                if (Props.bool(props, SERVICE_CONNECT)) b.serviceConnectDefaults(d -> d.namespace(Props.str(props, NAMESPACE)));
            }).cluster();
            return StepResult.done(observed(desired.address(), c));
        };
    }

    /**
     * Settings alone, as before; a Service Connect default to set or remove goes through
     * UpdateCluster ("" removes it, and the namespace stays in Cloud Map).
     */
    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        if (!props.containsKey(SERVICE_CONNECT) || Props.bool(props, SERVICE_CONNECT) == Props.bool(current.props(), SERVICE_CONNECT)) {
            return () -> StepResult.done(observed(desired.address(),
                    ctx.aws().ecs().updateClusterSettings(b -> b.cluster(current.id()).settings(insights(props))).cluster()));
        }
        boolean on = Props.bool(props, SERVICE_CONNECT);
        return () -> StepResult.done(observed(desired.address(), ctx.aws().ecs().updateCluster(b -> b.cluster(current.id()).settings(insights(props))
                .serviceConnectDefaults(d -> d.namespace(on ? Props.str(props, NAMESPACE) : ""))).cluster()));
    }

    /** The service is deleted first (higher tier), but ECS reports it DRAINING a little longer: wait for it. */
    @Override public Step delete(ResourceContext ctx, Observed current) {
        return Poll.until(ctx, "the cluster's services to drain", Duration.ofMinutes(15),
                "a service in the cluster is still draining; run 'gantry destroy' again in a few minutes", () -> {
                    try {
                        ctx.aws().ecs().deleteCluster(b -> b.cluster(current.id()));
                        return Optional.of(current);
                    } catch (ClusterNotFoundException e) {
                        return Optional.of(current);
                    } catch (ClusterContainsServicesException | ClusterContainsTasksException e) {
                        return Optional.empty();
                    }
                });
    }
}
