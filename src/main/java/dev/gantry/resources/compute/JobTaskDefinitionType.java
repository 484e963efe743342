package dev.gantry.resources.compute;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Piece;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code job-task-definition.NAME}: a scheduled job's task definition, family {@code APP-job-NAME}:
 * the service's setup (roles, secrets, log group) with the job's command, image, size and
 * environment. Like the service's, an update registers a new revision and refresh reads the newest
 * ACTIVE one that is the app's.
 */
final class JobTaskDefinitionType implements ResourceType {
    @Override public String type() { return "job-task-definition"; }
    @Override public String noun() { return "job task definition"; }
    @Override public Piece piece() { return Piece.JOBS; }
    @Override public int tier() { return 2; }
    @Override public boolean updateChangesIdentity() { return true; }

    static String family(String app, String job) { return app + "-job-" + job; }

    /** Only an app with its schedule group has jobs (the group is deleted last): one read for apps without. */
    @Override public List<Observed> refresh(ResourceContext ctx) {
        if (!ScheduleGroupType.owned(ctx)) return List.of();
        EcsClient ecs = ctx.aws().ecs();
        List<Observed> out = new ArrayList<>();
        String prefix = family(ctx.app(), "");
        for (String family : ecs.listTaskDefinitionFamilies(b -> b.familyPrefix(prefix).status(TaskDefinitionFamilyStatus.ACTIVE)).families()) {
            if (!family.startsWith(prefix)) continue;
            for (String arn : ecs.listTaskDefinitions(b -> b.familyPrefix(family).status(TaskDefinitionStatus.ACTIVE)
                    .sort(software.amazon.awssdk.services.ecs.model.SortOrder.DESC)).taskDefinitionArns()) {
                DescribeTaskDefinitionResponse r = ecs.describeTaskDefinition(b -> b.taskDefinition(arn).include(TaskDefinitionField.TAGS));
                if (!r.taskDefinition().family().equals(family)) continue;
                var own = ctx.ownAddress(Ecs.tags(r.tags()), type());
                if (own.isPresent()) {
                    out.add(withRunnable(observed(own.get(), r.taskDefinition())));
                    break;
                }
            }
        }
        return out;
    }

    private Step register(ResourceContext ctx, Address a, Map<String, Object> props) {
        return () -> StepResult.done(withRunnable(observed(a,
                ctx.aws().ecs().registerTaskDefinition(JobTimeout.withTimeout(TaskDefinitionType.request(ctx, a, props), props)).taskDefinition())));
    }

    /** The service's reading of a task definition (its first container is the job's), and the job's timeout. */
    private static Observed observed(Address a, software.amazon.awssdk.services.ecs.model.TaskDefinition td) {
        return JobTimeout.observed(TaskDefinitionType.observed(a, td), td);
    }

    /** An ACTIVE revision in the job's family that is not the app's: newer revisions would take it over. */
    @Override public java.util.Optional<dev.gantry.resources.Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String family = dev.gantry.resources.Props.str(props, "family");
        DescribeTaskDefinitionResponse r;
        try {
            r = ctx.aws().ecs().describeTaskDefinition(b -> b.taskDefinition(family).include(TaskDefinitionField.TAGS));
        } catch (software.amazon.awssdk.services.ecs.model.ClientException noSuchFamily) {
            return java.util.Optional.empty();
        }
        if (!r.taskDefinition().family().equals(family)) return java.util.Optional.empty();
        return java.util.Optional.of(new dev.gantry.resources.Claim(withRunnable(observed(desired.address(), r.taskDefinition())),
                "the task definition family " + family + " (revision " + r.taskDefinition().revision() + ")", Ecs.tags(r.tags()), "app"));
    }

    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().ecs().tagResource(b -> b.resourceArn(existing.id()).tags(Ecs.tagList(ctx.tags(desired.address()))));
            return StepResult.done(existing);
        };
    }

    /** Output {@code runnable}: every revision of the family, what the scheduler role may run. */
    private static Observed withRunnable(Observed o) {
        Map<String, String> outputs = new java.util.LinkedHashMap<>(o.outputs());
        String arn = o.id();
        outputs.put("runnable", arn.substring(0, arn.lastIndexOf(':')) + ":*");
        return new Observed(o.address(), o.id(), o.props(), outputs);
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) { return register(ctx, desired.address(), props); }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return register(ctx, desired.address(), props);
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            EcsClient ecs = ctx.aws().ecs();
            String family = current.outputs().get("family");
            for (String arn : ecs.listTaskDefinitions(b -> b.familyPrefix(family).status(TaskDefinitionStatus.ACTIVE)).taskDefinitionArns()) {
                DescribeTaskDefinitionResponse r = ecs.describeTaskDefinition(b -> b.taskDefinition(arn).include(TaskDefinitionField.TAGS));
                if (!r.taskDefinition().family().equals(family) || !ctx.app().equals(Ecs.tags(r.tags()).get(ResourceContext.TAG_APP))) continue;
                ecs.deregisterTaskDefinition(b -> b.taskDefinition(arn));
            }
            return StepResult.done(current);
        };
    }
}
