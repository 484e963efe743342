package dev.gantry.ops;

import dev.gantry.aws.AwsClients;
import dev.gantry.spec.Environment;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The preview environments of an app found in one account and region: its clusters tagged
 * {@code gantry:app = APP-NAME} and {@code gantry:env-from} (every app has one cluster, and ECS
 * returns a cluster's tags with it), each with the time its service was created.
 */
public final class Previews {
    private Previews() {}

    /** One preview: its name, the environment of the file it was made from, its AWS app name, since when (null: no service yet). */
    public record Found(String name, String from, String app, Instant since) {}

    public static List<Found> in(AwsClients aws, String app) {
        List<String> arns = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = aws.ecs().listClusters(b -> b.nextToken(next));
            arns.addAll(page.clusterArns());
            token = page.nextToken();
        } while (token != null);
        List<Found> out = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            for (Cluster c : aws.ecs().describeClusters(b -> b.clusters(batch).include(ClusterField.TAGS)).clusters()) {
                Map<String, String> tags = c.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
                String owner = tags.get("gantry:app"), name = tags.get(Environment.TAG), from = tags.get(Environment.TAG_FROM);
                if (!"ACTIVE".equals(c.status()) || owner == null || name == null || from == null || !owner.equals(app + "-" + name)) continue;
                out.add(new Found(name, from, owner, since(aws, c.clusterArn(), owner)));
            }
        }
        out.sort(java.util.Comparator.comparing(Found::name));
        return out;
    }

    private static Instant since(AwsClients aws, String cluster, String service) {
        List<Service> found = aws.ecs().describeServices(b -> b.cluster(cluster).services(service)).services();
        return found.stream().filter(s -> !"INACTIVE".equals(s.status())).map(Service::createdAt).findFirst().orElse(null);
    }
}
