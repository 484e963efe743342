package dev.gantry.resources.compute;

import dev.gantry.resources.ResourceContext;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ECS tag conversions, and where the app's service may be. */
final class Ecs {
    private Ecs() {}

    /**
     * The app's own ACTIVE clusters other than the spec's: where its service (and the service's
     * scaling) still are after the spec renamed the cluster. Read once per refresh.
     */
    static List<String> otherClustersOfTheApp(ResourceContext ctx) {
        return ctx.reads().get("ecs:app-clusters", () -> {
            EcsClient ecs = ctx.aws().ecs();
            List<String> arns = clusterArns(ctx);
            List<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < arns.size(); i += 100) {
                List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
                for (Cluster c : ecs.describeClusters(b -> b.clusters(batch).include(ClusterField.TAGS)).clusters()) {
                    if ("ACTIVE".equals(c.status()) && !c.clusterName().equals(wantedCluster(ctx))
                            && ctx.ownAddress(tags(c.tags()), "cluster").isPresent()) out.add(c.clusterName());
                }
            }
            return out;
        });
    }

    /** During a refresh: the name of the cluster the plan wants (where the app's service is looked for first), or null. */
    static String wantedCluster(ResourceContext ctx) {
        return ctx.wanted().str(dev.gantry.resources.Addresses.CLUSTER, "name");
    }

    /** Every cluster ARN of the account (ListClusters): read once per refresh by the cluster type and the look for the app's other clusters. */
    static List<String> clusterArns(ResourceContext ctx) {
        return ctx.reads().get("ecs:cluster-arns", () -> ctx.aws().ecs().listClustersPaginator(b -> {}).clusterArns().stream().toList());
    }

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> m = new LinkedHashMap<>();
        if (tags != null) tags.forEach(t -> m.put(t.key(), t.value()));
        return m;
    }

    static List<Tag> tagList(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
