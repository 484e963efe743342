package dev.gantry.resources.compute;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Piece;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code scheduler-role.main}: the role EventBridge Scheduler assumes to start the jobs' tasks. It
 * trusts only scheduler.amazonaws.com (for this account) and may run exactly the jobs' task
 * definition families ({@code ecs:RunTask}) and pass exactly the app's execution and task roles
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role).
 */
final class SchedulerRoleType implements ResourceType {
    static final String POLICY = "gantry-run-jobs";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override public String type() { return "scheduler-role"; }
    @Override public String noun() { return "IAM role for EventBridge Scheduler"; }
    @Override public Piece piece() { return Piece.JOBS; }
    @Override public int tier() { return 2; }
    @Override public Set<String> replaceOn() { return Set.of("name", "path"); }

    static String name(String app) { return app + "-scheduler"; }

    /** Only an app with its schedule group has jobs (the group is deleted last): one read for apps without. */
    @Override public List<Observed> refresh(ResourceContext ctx) {
        if (!ScheduleGroupType.owned(ctx)) return List.of();
        IamClient iam = ctx.aws().iam();
        Role r;
        try {
            r = iam.getRole(b -> b.roleName(name(ctx.app()))).role();
        } catch (NoSuchEntityException none) {
            return List.of();
        }
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        r.tags().forEach(t -> tags.put(t.key(), t.value()));
        if (ctx.ownAddress(tags, type()).isEmpty()) return List.of();
        List<String> families = new ArrayList<>(), passes = new ArrayList<>();
        try {
            String doc = iam.getRolePolicy(b -> b.roleName(r.roleName()).policyName(POLICY)).policyDocument();
            var root = JSON.readTree(Policies.decode(doc));
            for (var st : root.path("Statement")) {
                List<String> into = st.path("Sid").asText().equals("RunJobs") ? families : passes;
                for (var res : st.path("Resource")) into.add(res.asText());
            }
        } catch (NoSuchEntityException noPolicy) {
            // No policy yet: an apply stopped between CreateRole and PutRolePolicy; the plan adds it.
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable policy on " + r.roleName(), e);
        }
        families.sort(null);
        passes.sort(null);
        return List.of(new Observed(Addresses.SCHEDULER_ROLE, r.roleName(), Props.props().put("name", r.roleName()).put("path", r.path())
                .put("taskDefinitions", families).put("passRoles", passes).build(), Map.of("id", r.roleName(), "arn", r.arn(), "name", r.roleName())));
    }

    /** A role with the name gantry wants that is not the app's: a conflict, or taken over (tags) with --adopt. */
    @Override public java.util.Optional<dev.gantry.resources.Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        Role r;
        try {
            r = ctx.aws().iam().getRole(b -> b.roleName(name)).role();
        } catch (NoSuchEntityException none) {
            return java.util.Optional.empty();
        }
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        r.tags().forEach(t -> tags.put(t.key(), t.value()));
        Observed o = new Observed(desired.address(), r.roleName(), Props.props().put("name", r.roleName()).put("path", r.path()).build(),
                Map.of("id", r.roleName(), "arn", r.arn(), "name", r.roleName()));
        return java.util.Optional.of(new dev.gantry.resources.Claim(o, "the IAM role " + name, tags, "app"));
    }

    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            List<Tag> tags = ctx.tags(desired.address()).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            ctx.aws().iam().tagRole(b -> b.roleName(existing.id()).tags(tags));
            return StepResult.done(existing);
        };
    }

    static String trust(String accountId) {
        ObjectNode st = JSON.createObjectNode();
        st.put("Effect", "Allow");
        st.putObject("Principal").put("Service", "scheduler.amazonaws.com");
        st.put("Action", "sts:AssumeRole");
        if (accountId != null) st.putObject("Condition").putObject("StringEquals").put("aws:SourceAccount", accountId);
        return doc(List.of(st));
    }

    static String policy(List<String> taskDefinitions, List<String> passRoles) {
        List<ObjectNode> sts = new ArrayList<>();
        ObjectNode run = JSON.createObjectNode().put("Sid", "RunJobs").put("Effect", "Allow").put("Action", "ecs:RunTask");
        ArrayNode r = run.putArray("Resource");
        taskDefinitions.forEach(r::add);
        sts.add(run);
        ObjectNode pass = JSON.createObjectNode().put("Sid", "PassTaskRoles").put("Effect", "Allow").put("Action", "iam:PassRole");
        ArrayNode p = pass.putArray("Resource");
        passRoles.forEach(p::add);
        sts.add(pass);
        return doc(sts);
    }

    private static String doc(List<ObjectNode> statements) {
        ObjectNode d = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode a = d.putArray("Statement");
        statements.forEach(a::add);
        return d.toString();
    }

    private void putPolicy(ResourceContext ctx, String name, Map<String, Object> props) {
        List<String> tds = new ArrayList<>(Props.strings(props, "taskDefinitions")), passes = new ArrayList<>(Props.strings(props, "passRoles"));
        tds.sort(null);
        passes.sort(null);
        ctx.aws().iam().putRolePolicy(b -> b.roleName(name).policyName(POLICY).policyDocument(policy(tds, passes)));
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> {
            String name = Props.str(props, "name");
            List<Tag> tags = ctx.tags(desired.address()).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            Role r = ctx.aws().iam().createRole(b -> b.roleName(name).path(Props.str(props, "path")).assumeRolePolicyDocument(trust(ctx.accountId()))
                    .description("gantry " + ctx.app() + ": EventBridge Scheduler starts the scheduled jobs' tasks").tags(tags)).role();
            putPolicy(ctx, name, props);
            return StepResult.done(new Observed(desired.address(), name, props, Map.of("id", name, "arn", r.arn(), "name", name)));
        };
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            putPolicy(ctx, current.id(), props);
            return StepResult.done(new Observed(desired.address(), current.id(), props, current.outputs()));
        };
    }

    @Override public Step delete(ResourceContext ctx, Observed current) { return deleteWithInlinePolicies(ctx, current); }

    /** Deletes a role that has only inline policies (IAM refuses to delete a role that still has any). */
    static Step deleteWithInlinePolicies(ResourceContext ctx, Observed current) {
        return () -> {
            IamClient iam = ctx.aws().iam();
            try {
                for (String p : iam.listRolePolicies(b -> b.roleName(current.id())).policyNames()) iam.deleteRolePolicy(b -> b.roleName(current.id()).policyName(p));
                iam.deleteRole(b -> b.roleName(current.id()));
            } catch (NoSuchEntityException gone) {
                // already gone
            }
            return StepResult.done(current);
        };
    }
}
