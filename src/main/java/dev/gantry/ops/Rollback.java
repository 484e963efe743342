package dev.gantry.ops;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.AwsErrors;
import dev.gantry.aws.AwsFailure;
import dev.gantry.resources.ResourceContext;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gantry rollback}: the revision to go back to, and the deployment of it. The old
 * revision is registered again as a new revision with its image pinned to the digest ECS resolved
 * when it ran (so the rollback runs those very bytes, even if the tag has moved since), tagged with
 * the revision it copies; the service then moves to it as in any rolling deployment. Being the
 * newest revision, it is what the next refresh reads, so the next plan compares gantry.yaml with
 * what really runs.
 */
public final class Rollback {
    /** What to go back to. {@code pinned}: the image by digest. */
    public record Target(DeployHistory.Entry entry, String pinned) {}

    private Rollback() {}

    /**
     * The newest SUCCESSFUL deployment of a revision other than the one the service runs now, or
     * the newest deployment of revision {@code to}; a plain-word refusal otherwise.
     */
    public static Target choose(List<DeployHistory.Entry> history, String runningTaskDefinition, Integer to) {
        DeployHistory.Entry pick = null;
        if (to != null) {
            pick = history.stream().filter(e -> e.revision() == to).findFirst().orElseThrow(() -> new AwsFailure(AwsFailure.Kind.INPUT,
                    "revision " + to + " was never deployed to the service (or longer ago than ECS keeps deployments, 90 days)",
                    "pick a revision from 'gantry history'"));
            if (pick.taskDefinition().equals(runningTaskDefinition)) {
                throw new AwsFailure(AwsFailure.Kind.INPUT, "the service already runs revision " + to, "pick another revision from 'gantry history'");
            }
        } else {
            for (DeployHistory.Entry e : history) {
                if ("SUCCESSFUL".equals(e.status()) && e.taskDefinition() != null && !e.taskDefinition().equals(runningTaskDefinition)) {
                    pick = e;
                    break;
                }
            }
            if (pick == null) {
                throw new AwsFailure(AwsFailure.Kind.INPUT, "there is no earlier successful deployment to go back to",
                        "see 'gantry history'; to deploy a particular image, set task.image in gantry.yaml and run 'gantry apply'");
            }
        }
        String pinned = pick.pinnedImage();
        if (pinned == null) {
            throw new AwsFailure(AwsFailure.Kind.INPUT, "revision " + pick.revision() + " names its image by tag (" + pick.image()
                    + ") and ECS recorded no digest for it: redeploying it would run whatever that tag points at now, not what ran then",
                    "pick another revision from 'gantry history', or set task.image to the version you want in gantry.yaml and run 'gantry apply'");
        }
        return new Target(pick, pinned);
    }

    /** The service's current task definition ARN, or empty when there is no ACTIVE service. */
    public static Optional<String> running(AwsClients aws, String cluster, String service) {
        try {
            return aws.ecs().describeServices(b -> b.cluster(cluster).services(service)).services().stream()
                    .filter(s -> "ACTIVE".equals(s.status())).findFirst().map(s -> s.taskDefinition());
        } catch (software.amazon.awssdk.services.ecs.model.ClusterNotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw AwsErrors.translate("reading service " + service, e);
        }
    }

    /** Registers the copy, moves the service to it, and returns the new revision and the deployment's id. */
    public static Started deploy(AwsClients aws, String cluster, String service, Target target, Map<String, String> runTags) {
        TaskDefinition old;
        List<Tag> oldTags;
        try {
            var r = aws.ecs().describeTaskDefinition(b -> b.taskDefinition(target.entry().taskDefinition()).include(TaskDefinitionField.TAGS));
            old = r.taskDefinition();
            oldTags = r.tags();
        } catch (RuntimeException e) {
            throw AwsErrors.translate("reading task definition " + target.entry().taskDefinition(), e);
        }
        List<ContainerDefinition> containers = new ArrayList<>(old.containerDefinitions());
        containers.set(0, containers.get(0).toBuilder().image(target.pinned()).build());
        List<Tag> tags = new ArrayList<>();
        // The ownership tags (app, component, the spec's own), then who rolled back to what.
        for (Tag t : oldTags) {
            if (!t.key().equals(ResourceContext.TAG_RUN) && !t.key().equals(ResourceContext.TAG_USER)
                    && !t.key().equals(ResourceContext.TAG_COMMAND) && !t.key().equals(DeployHistory.TAG_ROLLBACK_TO)) tags.add(t);
        }
        runTags.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        tags.add(Tag.builder().key(DeployHistory.TAG_ROLLBACK_TO).value(String.valueOf(old.revision())).build());
        RegisterTaskDefinitionRequest req = RegisterTaskDefinitionRequest.builder().family(old.family()).cpu(old.cpu()).memory(old.memory())
                .networkMode(old.networkMode()).requiresCompatibilitiesWithStrings(old.requiresCompatibilitiesAsStrings())
                .runtimePlatform(old.runtimePlatform()).executionRoleArn(old.executionRoleArn()).taskRoleArn(old.taskRoleArn())
                .containerDefinitions(containers).tags(tags).build();
        TaskDefinition copy;
        try {
            copy = aws.ecs().registerTaskDefinition(req).taskDefinition();
        } catch (RuntimeException e) {
            throw AwsErrors.translate("registering revision " + old.revision() + " again as " + old.family(), e);
        }
        try {
            var svc = aws.ecs().updateService(b -> b.cluster(cluster).service(service).taskDefinition(copy.taskDefinitionArn())).service();
            String deployment = svc.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).map(Deployment::id).findFirst().orElse(null);
            return new Started(copy.revision(), copy.taskDefinitionArn(), deployment);
        } catch (RuntimeException e) {
            throw AwsErrors.translate("moving service " + service + " to " + copy.family() + ":" + copy.revision(), e);
        }
    }

    public record Started(int revision, String taskDefinition, String deploymentId) {}
}
