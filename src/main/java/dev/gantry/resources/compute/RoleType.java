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
import dev.gantry.resources.Addresses;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code role.execution} (what ECS itself uses to pull the image, write logs and read the app's
 * secrets) and {@code role.task} (what the app's own code runs as; no permissions until the app
 * needs some). Both trust only ecs-tasks.amazonaws.com and live under /gantry/APP/.
 */
final class RoleType implements ResourceType {
    @Override public String type() { return "role"; }
    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.IAM; }
    @Override public String noun() { return "IAM role"; }
    @Override public int tier() { return 1; }
    @Override public Set<String> replaceOn() { return Set.of("name", "path"); }

    static String path(String app) { return "/gantry/" + app + "/"; }

    /**
     * A role is the app's by its tags, as every other resource is: gantry:app=APP and the
     * gantry:component of its address, which gantry's CreateRole call has always set. ListRoles
     * carries no tags, and gantry's roles always have the names {@code APP-execution} and
     * {@code APP-task} (the claimant looks them up by those names too), so each is read with
     * GetRole, which does. A role under gantry's path with gantry's name and description but
     * without the app's tags is someone else's look-alike: never read as the app's, never deleted.
     */
    @Override public List<Observed> refresh(ResourceContext ctx) {
        IamClient iam = ctx.aws().iam();
        List<Observed> out = new ArrayList<>();
        java.util.Set<Address> looked = new java.util.LinkedHashSet<>(List.of(dev.gantry.resources.Addresses.EXECUTION_ROLE, dev.gantry.resources.Addresses.TASK_ROLE));
        List<Desired> wanted = ctx.wanted().ofType(type());
        wanted.forEach(d -> looked.add(d.address()));
        // The roles of the app's other services, including one just removed from the spec.
        for (String other : LogGroupType.otherServiceNames(ctx, List.of())) {
            looked.add(Address.of(type(), other + "-execution"));
            looked.add(Address.of(type(), other + "-task"));
        }
        for (Address a : looked) {
            java.util.Optional<Role> found = role(ctx, name(ctx.app(), a));
            if (found.isEmpty()) continue;
            Role r = found.get();
            Map<String, String> tags = tagMap(r.tags());
            if (!ctx.app().equals(tags.get(ResourceContext.TAG_APP)) || !a.toString().equals(tags.get(ResourceContext.TAG_COMPONENT))) continue;
            ctx.sawTags(a, tags);
            out.add(read(ctx, a, r));
        }
        return out;
    }

    /** The role of that name (GetRole, with its tags), empty when there is none; asked once per refresh by it and the claimant. */
    private static java.util.Optional<Role> role(ResourceContext ctx, String name) {
        return ctx.reads().get("iam:role:" + name, () -> {
            try {
                return java.util.Optional.of(ctx.aws().iam().getRole(b -> b.roleName(name)).role());
            } catch (NoSuchEntityException none) {
                return java.util.Optional.<Role>empty();
            }
        });
    }

    static String name(String app, Address a) { return app + "-" + a.name(); }

    /** {@code role.execution}, or a service's {@code role.NAME-execution}: the role ECS starts tasks with, whose policies are gantry's. */
    static boolean isExecution(Address a) { return a.name().equals("execution") || a.name().endsWith("-execution"); }

    static String description(String app, Address a) { return "gantry " + app + " " + a.name() + " role"; }

    private static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        tags.forEach(t -> m.put(t.key(), t.value()));
        return m;
    }

    private static Observed read(ResourceContext ctx, Address a, Role r) { return read(ctx, a, r, wantedOrder(ctx, a)); }

    /** {@code order}: the ARNs (or their ends) of the secrets in the order the desired role names them. */
    private static Observed read(ResourceContext ctx, Address a, Role r, List<String> order) {
        IamClient iam = ctx.aws().iam();
        // Only the execution role's policies are gantry's. The task role is the app's own identity:
        // what people attach to it by hand (S3, SQS, …) is theirs, never read as drift or removed.
        if (isExecution(a)) {
            List<String> managed = iam.listAttachedRolePolicies(b -> b.roleName(r.roleName())).attachedPolicies().stream()
                    .map(AttachedPolicy::policyArn).toList();
            return observed(a, r, order, managed, secretsPolicy(ctx, r.roleName()), false);
        }
        // The role's tag says whether gantry gave it ECS Exec, so a refresh with exec off costs no
        // read; with it on, the policy itself is read, so one removed by hand shows as drift.
        boolean tagged = r.tags().stream().anyMatch(t -> t.key().equals(EXEC_TAG) && t.value().equals("true"));
        return observed(a, r, order, List.of(), null, tagged && execPolicy(iam, r.roleName()) != null);
    }

    /** The role as refresh shows it, from its managed policies, its secrets policy document (or null) and whether it grants ECS Exec. */
    private static Observed observed(Address a, Role r, List<String> order, List<String> managed, String secretsDoc, boolean exec) {
        Props.Builder p = Props.props().put("name", r.roleName()).put("path", r.path());
        if (isExecution(a)) {
            p.put("managedPolicies", managed.stream().sorted().toList());
            List<String> arns = secretsDoc == null ? List.of() : Policies.resources(secretsDoc, Policies.READ_SECRETS);
            List<String> registry = secretsDoc == null ? List.of() : Policies.resources(secretsDoc, Policies.READ_REGISTRY_LOGIN);
            p.put("secretArns", inSpecOrder(order, arns)).put("registrySecretArn", registry.isEmpty() ? "" : registry.get(0));
        } else {
            p.put("exec", exec);
        }
        return new Observed(a, r.roleName(), p.build(), Map.of("id", r.roleName(), "name", r.roleName(), "arn", r.arn()));
    }

    static final String EXEC_TAG = "gantry:exec";

    /** The task role's ECS Exec policy (gantry's own inline policy on the app's role), or null. */
    private static String execPolicy(IamClient iam, String roleName) {
        try {
            return iam.getRolePolicy(b -> b.roleName(roleName).policyName(Policies.EXEC_POLICY_NAME)).policyDocument();
        } catch (NoSuchEntityException none) {
            return null;
        }
    }

    /**
     * The execution role's secrets policy document, or null. Shared within a refresh: the registry
     * secret's refresh reads it too, to learn whether a login secret is in use at all.
     */
    static String secretsPolicy(ResourceContext ctx, String roleName) {
        return ctx.reads().get("iam:GetRolePolicy " + roleName + " " + Policies.SECRETS_POLICY_NAME, () -> {
            try {
                // Asked for directly: a missing policy answers NoSuchEntity, saving a ListRolePolicies.
                return ctx.aws().iam().getRolePolicy(b -> b.roleName(roleName).policyName(Policies.SECRETS_POLICY_NAME)).policyDocument();
            } catch (NoSuchEntityException none) {
                return null;
            }
        });
    }

    /**
     * The desired list follows the spec's (sorted) secret names; ARNs are put in that order so the
     * planner compares like with like. ARNs the spec does not name come last, sorted.
     */
    static List<String> inSpecOrder(List<String> order, List<String> arns) {
        java.util.function.ToIntFunction<String> rank = arn -> {
            for (int i = 0; i < order.size(); i++) if (arn.equals(order.get(i)) || arn.endsWith(order.get(i))) return i;
            return Integer.MAX_VALUE;
        };
        return arns.stream().distinct().sorted(Comparator.comparingInt(rank).thenComparing(Comparator.naturalOrder())).toList();
    }

    /**
     * During a refresh: the desired execution role's secrets, in its order. Managed parameters are
     * matched by the end of their ARN (":parameter/NAME"), so ordering needs no account id (and no
     * STS call during a refresh).
     */
    private static List<String> wantedOrder(ResourceContext ctx, Address role) {
        List<String> order = new ArrayList<>();
        if (!(ctx.wanted().prop(isExecution(role) ? role : Addresses.EXECUTION_ROLE, "secretArns") instanceof List<?> refs)) return order;
        for (Object o : refs) {
            if (!(o instanceof dev.gantry.plan.Ref ref)) continue;
            var parameter = ctx.wanted().get(ref.address());
            if (parameter.isEmpty()) continue;
            var props = parameter.get().props();
            String name = String.valueOf(parameter.get().data() ? props.get("arn") : props.get("name"));
            order.add(parameter.get().data() ? name : ":parameter" + (name.startsWith("/") ? "" : "/") + name);
        }
        return order;
    }

    /** A role of the name gantry would give (names are global in the account) that is not the app's. */
    @Override public java.util.Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        java.util.Optional<Role> found = role(ctx, name);
        if (found.isEmpty()) return java.util.Optional.empty();
        Role r = found.get();
        Map<String, String> tags = r.hasTags() ? tagMap(r.tags()) : tagMap(ctx.aws().iam().listRoleTags(b -> b.roleName(name)).tags());
        return java.util.Optional.of(new Claim(read(ctx, desired.address(), r), "the IAM role " + name + " (path " + r.path() + ")", tags, "app"));
    }

    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            List<Tag> tags = ctx.tags(desired.address()).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            ctx.aws().iam().tagRole(b -> b.roleName(existing.id()).tags(tags));
            return StepResult.done(existing);
        };
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> {
            IamClient iam = ctx.aws().iam();
            String name = Props.str(props, "name");
            List<Tag> tags = ctx.tags(desired.address()).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            Role made = null;
            try {
                made = iam.createRole(b -> b.roleName(name).path(Props.str(props, "path")).assumeRolePolicyDocument(Policies.trust(ctx.accountId()))
                        .description(description(ctx.app(), desired.address())).tags(tags)).role();
            } catch (EntityAlreadyExistsException e) {
                Map<String, String> existing = tagMap(iam.listRoleTags(b -> b.roleName(name)).tags());
                if (!ctx.app().equals(existing.get(ResourceContext.TAG_APP))) {
                    throw new dev.gantry.aws.AwsFailure(dev.gantry.aws.AwsFailure.Kind.CONFLICT,
                            "an IAM role named " + name + " already exists and was not made by gantry for " + ctx.app(),
                            "delete or rename that role, or choose another app name");
                }
            }
            return StepResult.done(converge(ctx, desired.address(), name, props, true, new ArrayList<>(), made));
        };
    }

    /**
     * Grants go in at once; what the spec no longer grants (a secret removed, a managed policy
     * dropped) is taken away only after the rest of the run, the service's rollout above all, has
     * finished ({@link StepResult.DoneThen}): until then ECS may still start tasks of the old
     * revision (replacing one, or rolling back), and they read their secrets with this role.
     */
    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            List<String> revoke = new ArrayList<>();
            Observed now = converge(ctx, desired.address(), current.id(), props, false, revoke);
            if (revoke.isEmpty()) return StepResult.done(now);
            return StepResult.doneThen(now, "stop granting " + String.join(", ", revoke),
                    () -> StepResult.done(converge(ctx, desired.address(), current.id(), props, true, new ArrayList<>())));
        };
    }

    private static Observed converge(ResourceContext ctx, Address a, String name, Map<String, Object> props, boolean revoke, List<String> kept) {
        return converge(ctx, a, name, props, revoke, kept, null);
    }

    /**
     * Attaches the managed policies and writes the secrets policy the spec wants; with {@code revoke}
     * also detaches and removes what it no longer wants, else keeps that too and names it in {@code kept}.
     * {@code made}: the role as CreateRole just answered, or null. A role that call made has no
     * policies yet (IAM attaches none on create: IAM API reference, CreateRole; policies are
     * attached or put afterwards), so nothing is read before or after: it holds exactly what the
     * answered calls below gave it. A role found again (a re-run, a lost reply) is read.
     */
    private static Observed converge(ResourceContext ctx, Address a, String name, Map<String, Object> props, boolean revoke, List<String> kept,
                                     Role made) {
        IamClient iam = ctx.aws().iam();
        List<String> managed = new ArrayList<>();
        String secretsDoc = null;
        if (props.containsKey("managedPolicies")) {
            Set<String> want = new HashSet<>(Props.strings(props, "managedPolicies"));
            Set<String> have = made != null ? Set.of()
                    : new HashSet<>(iam.listAttachedRolePolicies(b -> b.roleName(name)).attachedPolicies().stream().map(AttachedPolicy::policyArn).toList());
            managed.addAll(want);
            for (String p : want) if (!have.contains(p)) iam.attachRolePolicy(b -> b.roleName(name).policyArn(p));
            for (String p : new java.util.TreeSet<>(have)) {
                if (want.contains(p)) continue;
                if (revoke) ignoringGone(() -> iam.detachRolePolicy(b -> b.roleName(name).policyArn(p)));
                else kept.add("the managed policy " + p.substring(p.lastIndexOf('/') + 1));
            }
        }
        if (isExecution(a)) {
            List<String> arns = new ArrayList<>(Props.strings(props, "secretArns"));
            String wanted = Props.str(props, "registrySecretArn");
            List<String> registry = new ArrayList<>();
            if (wanted != null && !wanted.isEmpty()) registry.add(wanted);
            String doc = made != null ? null : secretsPolicy(ctx, name);
            if (!revoke && doc != null) {
                for (String old : Policies.resources(doc, Policies.READ_SECRETS)) {
                    if (!arns.contains(old)) { arns.add(old); kept.add("the read of " + old.substring(old.lastIndexOf(':') + 1)); }
                }
                for (String old : Policies.resources(doc, Policies.READ_REGISTRY_LOGIN)) {
                    if (!registry.contains(old)) { registry.add(old); kept.add("the read of the registry login " + old.substring(old.lastIndexOf(':') + 1)); }
                }
            }
            if (!arns.isEmpty() || !registry.isEmpty()) {
                String policy = Policies.secrets(arns, registry);
                if (doc == null || !policy.equals(Policies.decode(doc))) iam.putRolePolicy(b -> b.roleName(name).policyName(Policies.SECRETS_POLICY_NAME).policyDocument(policy));
                secretsDoc = policy;
            } else if (doc != null) {
                ignoringGone(() -> iam.deleteRolePolicy(b -> b.roleName(name).policyName(Policies.SECRETS_POLICY_NAME)));
            }
        }
        boolean exec = false;
        if (props.containsKey("exec")) {
            boolean want = Props.bool(props, "exec");
            exec = want;
            String doc = made != null ? null : execPolicy(iam, name);
            if (want && (doc == null || !Policies.exec().equals(Policies.decode(doc)))) {
                iam.putRolePolicy(b -> b.roleName(name).policyName(Policies.EXEC_POLICY_NAME).policyDocument(Policies.exec()));
            } else if (!want && doc != null) {
                iam.deleteRolePolicy(b -> b.roleName(name).policyName(Policies.EXEC_POLICY_NAME));
            }
            // Tagged after the policy is written: a tag saying "true" never stands for a policy that is not there yet.
            iam.tagRole(b -> b.roleName(name).tags(Tag.builder().key(EXEC_TAG).value(String.valueOf(want)).build()));
        }
        if (made != null) return observed(a, made, Props.strings(props, "secretArns"), managed, secretsDoc, exec);
        return read(ctx, a, iam.getRole(b -> b.roleName(name)).role(), Props.strings(props, "secretArns"));
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            IamClient iam = ctx.aws().iam();
            String name = current.id();
            // Each call its own "already gone": a detach or policy delete sent again after a lost
            // reply answers NoSuchEntity for the policy, and the role must still be deleted after it.
            List<AttachedPolicy> attached;
            try {
                attached = iam.listAttachedRolePolicies(b -> b.roleName(name)).attachedPolicies();
            } catch (NoSuchEntityException roleGone) {
                return StepResult.done(current);
            }
            for (AttachedPolicy p : attached) ignoringGone(() -> iam.detachRolePolicy(b -> b.roleName(name).policyArn(p.policyArn())));
            List<String> inline;
            try {
                inline = iam.listRolePolicies(b -> b.roleName(name)).policyNames();
            } catch (NoSuchEntityException roleGone) {
                return StepResult.done(current);
            }
            for (String p : inline) ignoringGone(() -> iam.deleteRolePolicy(b -> b.roleName(name).policyName(p)));
            ignoringGone(() -> iam.deleteRole(b -> b.roleName(name)));
            return StepResult.done(current);
        };
    }

    /** A detach, policy delete or role delete whose object is already gone (its earlier send took effect): done. */
    private static void ignoringGone(Runnable call) {
        try {
            call.run();
        } catch (NoSuchEntityException gone) {
            // what was asked is so
        }
    }
}
