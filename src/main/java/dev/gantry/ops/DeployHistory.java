package dev.gantry.ops;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.AwsErrors;
import dev.gantry.resources.ResourceContext;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The service's deployments, newest first, from ECS itself: ListServiceDeployments (status and
 * why), DescribeServiceRevisions (the task definition and the image digest ECS resolved) and each
 * task definition revision with its tags (the run, user and command that registered it). ECS keeps
 * service deployments for 90 days; older ones are not shown.
 */
public final class DeployHistory {
    /** Tag on a revision registered by {@code gantry rollback}: the revision it copies. */
    public static final String TAG_ROLLBACK_TO = ResourceContext.TAG_ROLLBACK_TO;
    static final int MAX_DEPLOYMENTS = 100;

    /** One deployment: what it deployed, what changed from the one before, who made it, how it ended. */
    public record Entry(Instant at, Instant finished, int revision, String taskDefinition, String image, String digest,
                        List<String> changes, String runId, String user, String command, String status, String statusReason,
                        String rollbackTo) {
        /** completed, rolled back, stopped, failed, in progress. */
        public String outcome() {
            return switch (status) {
                case "SUCCESSFUL" -> "completed";
                case "ROLLBACK_SUCCESSFUL" -> "rolled back";
                case "ROLLBACK_FAILED" -> "failed, and so did the rollback";
                case "ROLLBACK_IN_PROGRESS", "ROLLBACK_REQUESTED" -> "failed, rolling back";
                case "STOPPED", "STOP_REQUESTED" -> "stopped";
                case "IN_PROGRESS", "PENDING" -> "in progress";
                default -> status.toLowerCase();
            };
        }

        /** The image pinned to the digest ECS resolved, when it resolved one. */
        public String pinnedImage() {
            if (image == null) return null;
            if (image.contains("@")) return image;
            return digest == null ? null : dev.gantry.spec.ImageRef.pinned(image, digest);
        }
    }

    private DeployHistory() {}

    public static List<Entry> read(AwsClients aws, String cluster, String service) {
        EcsClient ecs = aws.ecs();
        List<ServiceDeploymentBrief> briefs = new ArrayList<>();
        try {
            String token = null;
            do {
                String t = token;
                var page = ecs.listServiceDeployments(b -> b.cluster(cluster).service(service).maxResults(100).nextToken(t));
                briefs.addAll(page.serviceDeployments());
                token = page.nextToken();
            } while (token != null && briefs.size() < MAX_DEPLOYMENTS);
        } catch (software.amazon.awssdk.services.ecs.model.ServiceNotFoundException
                 | software.amazon.awssdk.services.ecs.model.ClusterNotFoundException e) {
            return List.of();
        } catch (RuntimeException e) {
            throw AwsErrors.translate("listing the deployments of service " + service, e);
        }
        Map<String, ServiceRevision> revisions = new HashMap<>();
        List<String> arns = briefs.stream().map(ServiceDeploymentBrief::targetServiceRevisionArn).filter(Objects::nonNull).distinct().toList();
        try {
            for (int i = 0; i < arns.size(); i += 20) {
                List<String> batch = arns.subList(i, Math.min(i + 20, arns.size()));
                ecs.describeServiceRevisions(b -> b.serviceRevisionArns(batch)).serviceRevisions().forEach(r -> revisions.put(r.serviceRevisionArn(), r));
            }
        } catch (RuntimeException e) {
            throw AwsErrors.translate("reading the service revisions of " + service, e);
        }
        Map<String, DescribeTaskDefinitionResponse> defs = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        // Oldest first, so each is compared with the one before it; shown newest first.
        for (int i = briefs.size() - 1; i >= 0; i--) {
            ServiceDeploymentBrief b = briefs.get(i);
            ServiceRevision r = revisions.get(b.targetServiceRevisionArn());
            String arn = r == null ? null : r.taskDefinition();
            DescribeTaskDefinitionResponse td = arn == null ? null : defs.computeIfAbsent(arn, a -> describe(ecs, a));
            String digest = r == null || r.containerImages().isEmpty() ? null : r.containerImages().get(0).imageDigest();
            Map<String, String> tags = new HashMap<>();
            if (td != null) for (Tag t : td.tags()) tags.put(t.key(), t.value());
            ContainerDefinition c = td == null ? null : td.taskDefinition().containerDefinitions().get(0);
            List<String> changes;
            if (entries.isEmpty()) changes = List.of("first deployment");
            else {
                Entry before = entries.get(entries.size() - 1);
                DescribeTaskDefinitionResponse prev = defs.get(before.taskDefinition());
                changes = td == null || prev == null ? List.of() : changes(prev, td, before.digest(), digest);
            }
            entries.add(new Entry(b.createdAt(), b.finishedAt(), td == null ? 0 : td.taskDefinition().revision(), arn,
                    c == null ? null : c.image(), digest, changes, tags.get(ResourceContext.TAG_RUN), tags.get(ResourceContext.TAG_USER),
                    tags.get(ResourceContext.TAG_COMMAND), b.statusAsString(), b.statusReason(), tags.get(TAG_ROLLBACK_TO)));
        }
        java.util.Collections.reverse(entries);
        return entries;
    }

    private static DescribeTaskDefinitionResponse describe(EcsClient ecs, String arn) {
        try {
            return ecs.describeTaskDefinition(b -> b.taskDefinition(arn).include(TaskDefinitionField.TAGS));
        } catch (software.amazon.awssdk.services.ecs.model.ClientException gone) {
            return null;
        } catch (RuntimeException e) {
            throw AwsErrors.translate("reading task definition " + arn, e);
        }
    }

    /** What differs between two revisions, in plain words; secret values are never read, only names. */
    static List<String> changes(DescribeTaskDefinitionResponse before, DescribeTaskDefinitionResponse after, String digestBefore, String digestAfter) {
        List<String> out = new ArrayList<>();
        var a = before.taskDefinition();
        var b = after.taskDefinition();
        ContainerDefinition ca = a.containerDefinitions().get(0), cb = b.containerDefinitions().get(0);
        if (!Objects.equals(ca.image(), cb.image())) out.add("image " + ca.image() + " → " + cb.image());
        else if (digestBefore != null && digestAfter != null && !digestBefore.equals(digestAfter)) {
            out.add("image " + cb.image() + " now resolves to " + shortDigest(digestAfter) + " (was " + shortDigest(digestBefore) + ")");
        }
        if (!Objects.equals(a.cpu(), b.cpu()) || !Objects.equals(a.memory(), b.memory())) {
            out.add("size " + a.cpu() + " CPU / " + a.memory() + " MiB → " + b.cpu() + " CPU / " + b.memory() + " MiB");
        }
        keys(out, "environment", ca.environment().stream().map(kv -> kv.name() + "=" + kv.value()).toList(),
                cb.environment().stream().map(kv -> kv.name() + "=" + kv.value()).toList());
        keys(out, "secret", ca.secrets().stream().map(s -> s.name() + "=" + s.valueFrom()).toList(),
                cb.secrets().stream().map(s -> s.name() + "=" + s.valueFrom()).toList());
        Integer pa = ca.portMappings().isEmpty() ? null : ca.portMappings().get(0).containerPort();
        Integer pb = cb.portMappings().isEmpty() ? null : cb.portMappings().get(0).containerPort();
        if (!Objects.equals(pa, pb)) out.add("port " + (pa == null ? "none" : pa) + " → " + (pb == null ? "none" : pb));
        if (!Objects.equals(ca.command(), cb.command())) {
            out.add("command " + (ca.command().isEmpty() ? "(image default)" : String.join(" ", ca.command())) + " → "
                    + (cb.command().isEmpty() ? "(image default)" : String.join(" ", cb.command())));
        }
        if (!Objects.equals(a.taskRoleArn(), b.taskRoleArn()) || !Objects.equals(a.executionRoleArn(), b.executionRoleArn())) out.add("roles");
        if (out.isEmpty()) out.add("no change to the task (a redeployment)");
        return out;
    }

    /** Names added, removed and changed, never values (an environment value may be sensitive too). */
    private static void keys(List<String> out, String what, List<String> before, List<String> after) {
        Map<String, String> a = new HashMap<>(), b = new HashMap<>();
        before.forEach(s -> a.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1)));
        after.forEach(s -> b.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1)));
        TreeSet<String> added = new TreeSet<>(b.keySet()), removed = new TreeSet<>(a.keySet()), changed = new TreeSet<>();
        added.removeAll(a.keySet());
        removed.removeAll(b.keySet());
        for (String k : a.keySet()) if (b.containsKey(k) && !a.get(k).equals(b.get(k))) changed.add(k);
        if (!added.isEmpty()) out.add(what + " " + String.join(", ", added) + " added");
        if (!removed.isEmpty()) out.add(what + " " + String.join(", ", removed) + " removed");
        if (!changed.isEmpty()) out.add(what + " " + String.join(", ", changed) + " changed");
    }

    public static String shortDigest(String digest) {
        if (digest == null) return null;
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
    }
}
