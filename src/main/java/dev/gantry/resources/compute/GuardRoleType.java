package dev.gantry.resources.compute;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Piece;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.Claim;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code guard-role.function} (what the guard's Lambda function runs as) and
 * {@code guard-role.scheduler} (what EventBridge Scheduler invokes it as): an IAM role under the
 * app's path, trusting one service, with one inline policy ({@link GuardPolicies}) that the plan
 * shows in words.
 */
final class GuardRoleType implements ResourceType {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override public String type() { return "guard-role"; }
    @Override public String noun() { return "IAM role of the guard"; }
    @Override public Piece piece() { return Piece.GUARD; }
    @Override public int tier() { return 1; }
    @Override public Set<String> replaceOn() { return Set.of("name", "path", "trust"); }

    static String name(String app, Address a) {
        return a.equals(Addresses.GUARD_FUNCTION_ROLE) ? app + "-guard-function" : app + "-guard-scheduler";
    }

    private static String policyName(Address a) {
        return a.equals(Addresses.GUARD_FUNCTION_ROLE) ? GuardPolicies.FUNCTION_POLICY : GuardPolicies.SCHEDULER_POLICY;
    }

    @Override public String planNote(Desired desired, dev.gantry.plan.Action action, List<dev.gantry.plan.Change.FieldChange> fields) {
        boolean policyChanges = action == dev.gantry.plan.Action.CREATE || fields.stream().anyMatch(f -> f.field().equals("policy"));
        return policyChanges ? GuardPolicies.words(desired.props().get("policy")) : null;
    }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        if (!GuardSpecType.guardMayExist(ctx)) return List.of();
        List<Observed> out = new ArrayList<>();
        for (Address a : List.of(Addresses.GUARD_FUNCTION_ROLE, Addresses.GUARD_SCHEDULER_ROLE)) {
            read(ctx, name(ctx.app(), a)).filter(o -> ctx.ownAddress(o.tags, type()).isPresent())
                    .ifPresent(o -> out.add(o.observed(ctx.ownAddress(o.tags, type()).get())));
        }
        return out;
    }

    private record Read(Role role, Map<String, String> tags, Object trust, Object policy) {
        Observed observed(Address a) {
            return new Observed(a, role.roleName(), Props.props().put("name", role.roleName()).put("path", role.path())
                    .put("trust", trust).put("policy", policy).build(),
                    Map.of("id", role.roleName(), "arn", role.arn(), "name", role.roleName()));
        }
    }

    private static Optional<Read> read(ResourceContext ctx, String name) {
        IamClient iam = ctx.aws().iam();
        Role r;
        try {
            r = iam.getRole(b -> b.roleName(name)).role();
        } catch (NoSuchEntityException none) {
            return Optional.empty();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        r.tags().forEach(t -> tags.put(t.key(), t.value()));
        Object policy = null;
        String policyName = name.endsWith("-guard-scheduler") ? GuardPolicies.SCHEDULER_POLICY : GuardPolicies.FUNCTION_POLICY;
        try {
            policy = parse(iam.getRolePolicy(b -> b.roleName(name).policyName(policyName)).policyDocument());
        } catch (NoSuchEntityException noPolicy) {
            // An apply stopped between CreateRole and PutRolePolicy: the plan puts it.
        }
        return Optional.of(new Read(r, tags, trustService(r.assumeRolePolicyDocument()), policy));
    }

    /** The one service a role trusts, as the desired props name it. */
    private static Object trustService(String document) {
        if (document == null) return null;
        Object doc = parse(document);
        if (doc instanceof Map<?, ?> m && m.get("Statement") instanceof List<?> l && !l.isEmpty()
                && l.get(0) instanceof Map<?, ?> st && st.get("Principal") instanceof Map<?, ?> p) {
            return String.valueOf(p.get("Service"));
        }
        return null;
    }

    /** A policy document as sorted maps and lists (what desired props hold). */
    static Object parse(String document) {
        try {
            return sorted(JSON.readValue(Policies.decode(document), Object.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable policy document", e);
        }
    }

    private static Object sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), sorted(x)));
            return out;
        }
        if (v instanceof List<?> l) return l.stream().map(GuardRoleType::sorted).toList();
        return v;
    }

    @Override public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return read(ctx, Props.str(props, "name")).map(r -> new Claim(r.observed(desired.address()), "the IAM role " + r.role().roleName(), r.tags(), "app"));
    }

    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().iam().tagRole(b -> b.roleName(existing.id()).tags(tags(ctx, desired.address())));
            return StepResult.done(existing);
        };
    }

    private static List<Tag> tags(ResourceContext ctx, Address a) {
        return ctx.tags(a).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static String json(Object v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> {
            String name = Props.str(props, "name");
            Role r;
            try {
                r = ctx.aws().iam().createRole(b -> b.roleName(name).path(Props.str(props, "path"))
                        .assumeRolePolicyDocument(json(GuardPolicies.trust(Props.str(props, "trust"))))
                        .description("gantry " + ctx.app() + ": the guard (" + desired.address().name() + ")").tags(tags(ctx, desired.address()))).role();
            } catch (software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException e) {
                // A create whose reply was lost: ours only when it carries the app's tags.
                Read existing = read(ctx, name).filter(x -> ctx.ownAddress(x.tags(), type()).isPresent()).orElseThrow(() -> e);
                r = existing.role();
            }
            ctx.aws().iam().putRolePolicy(b -> b.roleName(name).policyName(policyName(desired.address())).policyDocument(json(props.get("policy"))));
            return StepResult.done(new Observed(desired.address(), name, props, Map.of("id", name, "arn", r.arn(), "name", name)));
        };
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            ctx.aws().iam().putRolePolicy(b -> b.roleName(current.id()).policyName(policyName(desired.address())).policyDocument(json(props.get("policy"))));
            return StepResult.done(new Observed(desired.address(), current.id(), props, current.outputs()));
        };
    }

    @Override public Step delete(ResourceContext ctx, Observed current) { return SchedulerRoleType.deleteWithInlinePolicies(ctx, current); }
}
